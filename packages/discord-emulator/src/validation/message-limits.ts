// Documented message limits, enforced explicitly (the spec misses several of them, e.g. the
// 6000-character embed total, 5 action rows, unique custom_ids and select option counts).
import { MessageFlags } from 'discord-api-types/v10';
import type { FieldError } from '../errors.ts';
import { Problems, asArray, charCount, isObject, type Path } from './problems.ts';

export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  componentsV2Total: 40,
} as const;

const ComponentType = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  UserSelect: 5,
  RoleSelect: 6,
  MentionableSelect: 7,
  ChannelSelect: 8,
} as const;
const SELECT_TYPES = new Set<number>([3, 5, 6, 7, 8]);
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

export function checkMessageLimits(payload: unknown, basePath: Path = []): FieldError[] {
  const problems = new Problems();
  if (!isObject(payload)) return problems.list;
  problems.length([...basePath, 'content'], payload.content, Limits.content);
  checkEmbeds(problems, payload.embeds, [...basePath, 'embeds']);
  const isV2 = typeof payload.flags === 'number' && (payload.flags & MessageFlags.IsComponentsV2) !== 0;
  checkComponents(problems, payload.components, [...basePath, 'components'], isV2);
  return problems.list;
}

function checkEmbeds(problems: Problems, embeds: unknown, path: Path): void {
  const list = asArray(embeds);
  problems.length(path, embeds, Limits.embeds);
  let total = 0;
  list.forEach((embed, i) => {
    if (!isObject(embed)) return;
    const at = [...path, i];
    problems.length([...at, 'title'], embed.title, Limits.embedTitle);
    problems.length([...at, 'description'], embed.description, Limits.embedDescription);
    total += charCount(embed.title) + charCount(embed.description);
    const fields = asArray(embed.fields);
    problems.length([...at, 'fields'], embed.fields, Limits.embedFields);
    fields.forEach((field, j) => {
      if (!isObject(field)) return;
      const fieldPath = [...at, 'fields', j];
      if (problems.required([...fieldPath, 'name'], field.name)) problems.length([...fieldPath, 'name'], field.name, Limits.embedFieldName, 1);
      if (problems.required([...fieldPath, 'value'], field.value)) problems.length([...fieldPath, 'value'], field.value, Limits.embedFieldValue, 1);
      total += charCount(field.name) + charCount(field.value);
    });
    if (isObject(embed.footer)) {
      if (problems.required([...at, 'footer', 'text'], embed.footer.text)) problems.length([...at, 'footer', 'text'], embed.footer.text, Limits.embedFooter, 1);
      total += charCount(embed.footer.text);
    }
    if (isObject(embed.author)) {
      if (problems.required([...at, 'author', 'name'], embed.author.name)) problems.length([...at, 'author', 'name'], embed.author.name, Limits.embedAuthor, 1);
      total += charCount(embed.author.name);
    }
  });
  if (total > Limits.embedTotal) {
    problems.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
  }
}

function checkComponents(problems: Problems, components: unknown, path: Path, isV2: boolean): void {
  if (components === undefined || components === null) return;
  const rows = asArray(components);
  const customIds = new Map<string, Path>();
  if (isV2) {
    if (countComponents(rows) > Limits.componentsV2Total) {
      problems.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${Limits.componentsV2Total} or fewer in length.`);
    }
  } else {
    problems.length(path, components, Limits.actionRows);
  }
  rows.forEach((row, i) => {
    if (!isObject(row)) return;
    const rowPath = [...path, i];
    if (row.type === ComponentType.ActionRow) checkActionRow(problems, row, rowPath, customIds);
    else if (!isV2)
      problems.add([...rowPath, 'type'], 'COMPONENT_LAYOUT_INVALID', 'Top-level components must be action rows unless the message uses IS_COMPONENTS_V2.');
    else checkNested(problems, row, rowPath, customIds);
  });
}

/** Components V2 containers/sections: check any rows and interactive children they hold. */
function checkNested(problems: Problems, node: Record<string, unknown>, path: Path, customIds: Map<string, Path>): void {
  asArray(node.components).forEach((child, i) => {
    if (!isObject(child)) return;
    if (child.type === ComponentType.ActionRow) checkActionRow(problems, child, [...path, 'components', i], customIds);
    else checkNested(problems, child, [...path, 'components', i], customIds);
  });
  if (isObject(node.accessory) && node.accessory.type === ComponentType.Button) {
    checkButton(problems, node.accessory, [...path, 'accessory'], customIds);
  }
}

function countComponents(nodes: unknown[]): number {
  return nodes.reduce<number>((sum, node) => {
    if (!isObject(node)) return sum;
    return sum + 1 + countComponents(asArray(node.components)) + (isObject(node.accessory) ? 1 : 0);
  }, 0);
}

function checkActionRow(problems: Problems, row: Record<string, unknown>, path: Path, customIds: Map<string, Path>): void {
  const children = asArray(row.components);
  const selects = children.filter((c) => isObject(c) && SELECT_TYPES.has(Number(c.type)));
  if (children.length === 0) problems.add([...path, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  if (selects.length > 0 && children.length > 1) {
    problems.add([...path, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'A select menu must be alone in its action row.');
  } else {
    problems.length([...path, 'components'], row.components, Limits.buttonsPerRow);
  }
  children.forEach((child, j) => {
    if (!isObject(child)) return;
    const at = [...path, 'components', j];
    if (child.type === ComponentType.Button) checkButton(problems, child, at, customIds);
    else if (SELECT_TYPES.has(Number(child.type))) checkSelect(problems, child, at, customIds);
    else problems.add([...at, 'type'], 'COMPONENT_TYPE_INVALID', `Component type ${String(child.type)} is not allowed in a message action row.`);
  });
}

function checkCustomId(problems: Problems, node: Record<string, unknown>, path: Path, customIds: Map<string, Path>): void {
  const customId = node.custom_id;
  if (!problems.required([...path, 'custom_id'], customId)) return;
  problems.length([...path, 'custom_id'], customId, Limits.customId, 1);
  if (typeof customId !== 'string') return;
  if (customIds.has(customId)) {
    problems.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  }
  customIds.set(customId, path);
}

function checkButton(problems: Problems, button: Record<string, unknown>, path: Path, customIds: Map<string, Path>): void {
  problems.length([...path, 'label'], button.label, Limits.buttonLabel);
  if (button.style === LINK_STYLE) {
    problems.required([...path, 'url'], button.url);
    if (button.custom_id !== undefined && button.custom_id !== null) {
      problems.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'Link buttons cannot have a custom_id.');
    }
    return;
  }
  if (button.style === PREMIUM_STYLE) {
    problems.required([...path, 'sku_id'], button.sku_id);
    return;
  }
  if (button.url !== undefined && button.url !== null) {
    problems.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons can have a url.');
  }
  if ((button.label === undefined || button.label === null || button.label === '') && !isObject(button.emoji)) {
    problems.add([...path, 'label'], 'BUTTON_COMPONENT_LABEL_REQUIRED', 'A button needs a label or an emoji.');
  }
  checkCustomId(problems, button, path, customIds);
}

function checkSelect(problems: Problems, select: Record<string, unknown>, path: Path, customIds: Map<string, Path>): void {
  checkCustomId(problems, select, path, customIds);
  problems.length([...path, 'placeholder'], select.placeholder, Limits.selectPlaceholder);
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (min > max) problems.add([...path, 'min_values'], 'SELECT_COMPONENT_MIN_VALUES_TOO_LARGE', 'min_values must be less than or equal to max_values.');
  if (select.type !== ComponentType.StringSelect) return;
  const options = asArray(select.options);
  if (options.length < 1 || options.length > Limits.selectOptions) {
    problems.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${Limits.selectOptions} in length.`);
  }
  if (max > options.length && options.length > 0) {
    problems.add([...path, 'max_values'], 'SELECT_COMPONENT_MAX_VALUES_TOO_LARGE', `max_values must be at most the number of options (${options.length}).`);
  }
  const values = new Set<string>();
  options.forEach((option, k) => {
    if (!isObject(option)) return;
    const at = [...path, 'options', k];
    if (problems.required([...at, 'label'], option.label)) problems.length([...at, 'label'], option.label, Limits.selectOptionText, 1);
    if (problems.required([...at, 'value'], option.value)) problems.length([...at, 'value'], option.value, Limits.selectOptionText, 1);
    problems.length([...at, 'description'], option.description, Limits.selectOptionText);
    if (typeof option.value === 'string') {
      if (values.has(option.value)) problems.add([...at, 'value'], 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Select option values must be unique.');
      values.add(option.value);
    }
  });
}

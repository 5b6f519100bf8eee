// Discord's message limits, checked on every payload we render (and by the content validator
// for the whole bank), so nothing the bot sends can be rejected for size.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';

export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
} as const;

/** An image or other file uploaded with a message; an embed shows it with `attachment://<name>`. */
export interface MessageFile {
  name: string;
  data: Buffer;
  /** Alt text. */
  description?: string;
}

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Files to upload; on an update, an empty list removes the message's earlier files. */
  files?: MessageFile[];
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Returns a description of every limit the payload breaks; empty when it fits. */
export function checkMessageLimits(message: MessagePayload): string[] {
  const L = DISCORD_LIMITS;
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} characters (limit ${max})`);
  };
  over('content', message.content?.length ?? 0, L.content);
  if (message.embeds.length > L.embedsPerMessage) problems.push(`${message.embeds.length} embeds (limit ${L.embedsPerMessage})`);
  let total = 0;
  message.embeds.forEach((embed, i) => {
    over(`embed ${i} title`, embed.title?.length ?? 0, L.embedTitle);
    over(`embed ${i} description`, embed.description?.length ?? 0, L.embedDescription);
    over(`embed ${i} footer`, embed.footer?.text.length ?? 0, L.footer);
    over(`embed ${i} author`, embed.author?.name.length ?? 0, L.author);
    const fields = embed.fields ?? [];
    if (fields.length > L.fields) problems.push(`embed ${i} has ${fields.length} fields (limit ${L.fields})`);
    fields.forEach((field, j) => {
      over(`embed ${i} field ${j} name`, field.name.length, L.fieldName);
      over(`embed ${i} field ${j} value`, field.value.length, L.fieldValue);
      if (field.name.length === 0 || field.value.length === 0) problems.push(`embed ${i} field ${j} is empty`);
    });
    total += embedLength(embed);
  });
  over('embeds in total', total, L.embedTotal);
  if (message.components.length > L.actionRows) problems.push(`${message.components.length} action rows (limit ${L.actionRows})`);
  const customIds = new Set<string>();
  message.components.forEach((row, i) => {
    if (row.components.length > L.buttonsPerRow) problems.push(`row ${i} has ${row.components.length} components (limit ${L.buttonsPerRow})`);
    for (const component of row.components) {
      if ('custom_id' in component) {
        over(`custom_id "${component.custom_id}"`, component.custom_id.length, L.customId);
        if (customIds.has(component.custom_id)) problems.push(`custom_id "${component.custom_id}" is used twice`);
        customIds.add(component.custom_id);
      }
      if (component.type === ComponentType.Button && 'label' in component) over('button label', component.label?.length ?? 0, L.buttonLabel);
      if (component.type === ComponentType.StringSelect) {
        if (component.options.length > L.selectOptions) problems.push(`select has ${component.options.length} options (limit ${L.selectOptions})`);
        over('select placeholder', component.placeholder?.length ?? 0, L.selectPlaceholder);
        for (const option of component.options) {
          over('select option label', option.label.length, L.selectOptionText);
          over('select option value', option.value.length, L.selectOptionText);
          over('select option description', option.description?.length ?? 0, L.selectOptionText);
        }
      }
    }
  });
  return problems;
}

/** Shortens text to fit a limit, marking the cut. Used only for user-supplied text such as notes. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Rules for application command registration that the spec cannot express: name syntax,
// option nesting, ordering, uniqueness and the 8000-character total.
import type { FieldError } from '../errors.ts';
import { Problems, asArray, charCount, isObject, type Path } from './problems.ts';

export const CommandLimits = {
  options: 25,
  choices: 25,
  totalCharacters: 8000,
  chatInputCommands: 100,
  contextMenuCommands: 15,
  choiceStringValue: 100,
} as const;

export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

export const CommandType = { ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 } as const;

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Checks one command; `partial` for PATCH, where absent fields keep their old value. */
export function checkCommandLimits(command: unknown, basePath: Path = [], partial = false): FieldError[] {
  const problems = new Problems();
  if (!isObject(command)) return problems.list;
  const type = typeof command.type === 'number' ? command.type : CommandType.ChatInput;
  if (type === CommandType.ChatInput) {
    if (command.name !== undefined || !partial) checkName(problems, command.name, [...basePath, 'name']);
    if (command.description !== undefined || !partial) {
      if (problems.required([...basePath, 'description'], command.description)) {
        problems.length([...basePath, 'description'], command.description, 100, 1);
      }
    }
    checkOptions(problems, command.options, [...basePath, 'options'], 0);
  } else if (type === CommandType.User || type === CommandType.Message) {
    if (typeof command.description === 'string' && command.description !== '') {
      problems.add([...basePath, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description.');
    }
    if (asArray(command.options).length > 0) {
      problems.add([...basePath, 'options'], 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS', 'Context menu commands cannot have options.');
    }
  }
  if (commandSize(command) > CommandLimits.totalCharacters) {
    problems.add(basePath, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${CommandLimits.totalCharacters})`);
  }
  return problems.list;
}

/** Bulk overwrite: every command, plus unique names per type and per-type counts. */
export function checkCommandList(commands: unknown): FieldError[] {
  const list = asArray(commands);
  const errors = list.flatMap((command, i) => checkCommandLimits(command, [i]));
  const seen = new Set<string>();
  const counts = new Map<number, number>();
  list.forEach((command, i) => {
    if (!isObject(command)) return;
    const type = typeof command.type === 'number' ? command.type : CommandType.ChatInput;
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) errors.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
    seen.add(key);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  });
  if ((counts.get(CommandType.ChatInput) ?? 0) > CommandLimits.chatInputCommands) {
    errors.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${CommandLimits.chatInputCommands} or fewer chat input commands.` });
  }
  for (const type of [CommandType.User, CommandType.Message]) {
    if ((counts.get(type) ?? 0) > CommandLimits.contextMenuCommands) {
      errors.push({
        path: [],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${CommandLimits.contextMenuCommands} or fewer context menu commands of type ${type}.`,
      });
    }
  }
  return errors;
}

function checkName(problems: Problems, name: unknown, path: Path): void {
  if (!problems.required(path, name)) return;
  if (typeof name !== 'string' || !CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
    problems.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkOptions(problems: Problems, options: unknown, path: Path, depth: number): void {
  const list = asArray(options).filter(isObject);
  if (list.length > CommandLimits.options) problems.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${CommandLimits.options} or fewer in length.`);
  const nested = list.filter((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup);
  if (nested.length > 0 && nested.length < list.length) {
    problems.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands and subcommand groups cannot be mixed with other options.');
  }
  const names = new Set<string>();
  let sawOptional = false;
  list.forEach((option, i) => {
    const at = [...path, i];
    checkName(problems, option.name, [...at, 'name']);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) problems.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME', 'Option names must be unique');
      names.add(option.name);
    }
    if (problems.required([...at, 'description'], option.description)) problems.length([...at, 'description'], option.description, 100, 1);
    const type = Number(option.type);
    if (type === OptionType.SubcommandGroup) {
      if (depth > 0) problems.add([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommand groups can only be at the top level.');
      const children = asArray(option.options).filter(isObject);
      if (children.length === 0) problems.add([...at, 'options'], 'BASE_TYPE_MIN_LENGTH', 'A subcommand group needs at least one subcommand.');
      if (children.some((c) => c.type !== OptionType.Subcommand)) {
        problems.add([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommand groups can only contain subcommands.');
      }
      checkOptions(problems, option.options, [...at, 'options'], depth + 1);
      return;
    }
    if (type === OptionType.Subcommand) {
      if (depth > 1) problems.add([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands cannot be nested this deep.');
      const children = asArray(option.options).filter(isObject);
      if (children.some((c) => c.type === OptionType.Subcommand || c.type === OptionType.SubcommandGroup)) {
        problems.add([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands cannot contain subcommands.');
      }
      checkOptions(problems, option.options, [...at, 'options'], depth + 1);
      return;
    }
    if (option.required === true && sawOptional) {
      problems.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option.required !== true) sawOptional = true;
    checkValueOption(problems, option, at, type);
  });
}

function checkValueOption(problems: Problems, option: Record<string, unknown>, at: Path, type: number): void {
  const choices = asArray(option.choices);
  if (choices.length > 0) {
    if (![OptionType.String, OptionType.Integer, OptionType.Number].includes(type as 3 | 4 | 10)) {
      problems.add([...at, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Only string, integer and number options can have choices.');
    }
    if (option.autocomplete === true) {
      problems.add([...at, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be enabled on options with choices.');
    }
    if (choices.length > CommandLimits.choices)
      problems.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${CommandLimits.choices} or fewer in length.`);
    choices.forEach((choice, k) => {
      if (!isObject(choice)) return;
      const choicePath = [...at, 'choices', k];
      problems.length([...choicePath, 'name'], choice.name, 100, 1);
      if (!choiceValueMatches(type, choice.value)) {
        problems.add([...choicePath, 'value'], 'APPLICATION_COMMAND_OPTION_CHOICE_VALUE_INVALID', `Choice value does not match the option type ${type}.`);
      } else if (type === OptionType.String) {
        problems.length([...choicePath, 'value'], choice.value, CommandLimits.choiceStringValue, 1);
      }
    });
  }
  if (typeof option.min_value === 'number' && typeof option.max_value === 'number' && option.min_value > option.max_value) {
    problems.add([...at, 'min_value'], 'NUMBER_TYPE_MAX', 'min_value must be less than or equal to max_value.');
  }
  if (typeof option.min_length === 'number' && typeof option.max_length === 'number' && option.min_length > option.max_length) {
    problems.add([...at, 'min_length'], 'NUMBER_TYPE_MAX', 'min_length must be less than or equal to max_length.');
  }
  if (option.channel_types !== undefined && option.channel_types !== null && type !== OptionType.Channel) {
    problems.add([...at, 'channel_types'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Only channel options can have channel_types.');
  }
}

export function choiceValueMatches(type: number, value: unknown): boolean {
  if (type === OptionType.String) return typeof value === 'string';
  if (type === OptionType.Integer) return Number.isInteger(value);
  if (type === OptionType.Number) return typeof value === 'number' && Number.isFinite(value);
  return false;
}

/** Discord counts names, descriptions and choice names/values of the whole command tree. */
function commandSize(node: Record<string, unknown>): number {
  let size = charCount(node.name) + charCount(node.description);
  for (const choice of asArray(node.choices)) {
    if (isObject(choice)) size += charCount(choice.name) + charCount(String(choice.value ?? ''));
  }
  for (const option of asArray(node.options)) if (isObject(option)) size += commandSize(option);
  return size;
}

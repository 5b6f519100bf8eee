// Acting as a user: slash commands, autocomplete, button clicks, select choices and modal
// submits. Each is checked against what Discord's client would allow, then dispatched.
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { UserActionError } from '../errors.ts';
import type { CommandJson } from '../commands/command-registry.ts';
import { allComponents } from '../messages/message-builder.ts';
import { asApiMessage, isLoading, isVisibleTo } from '../messages/message-store.ts';
import type { EmulatorState } from '../state.ts';
import { isObject } from '../validation/problems.ts';
import { hasAll, Permission } from '../world/permissions.ts';
import type { JsonObject } from '../world/serialize.ts';
import { buildInteraction, dispatchInteraction, placeOf } from './envelope.ts';
import { InteractionHandle } from './interaction-handle.ts';
import { buildCommandData, type OptionValue } from './slash-options.ts';

export interface SlashAction {
  userId: string;
  channelId: string;
  /** Command name as registered, without the slash. */
  command: string;
  group?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
}

export interface AutocompleteAction extends SlashAction {
  /** The option being typed; its value in `options` is the partial text (default ''). */
  focused: string;
}

export interface ClickAction {
  userId: string;
  messageId: string;
  customId: string;
}

export interface SelectAction extends ClickAction {
  values: string[];
}

export interface ModalSubmitAction {
  userId: string;
  /** The interaction the bot answered with the modal. */
  interactionId: string;
  /** Text input custom_id -> value. */
  fields: Record<string, string>;
}

const ContextType = { Guild: 0, BotDM: 1 } as const;

export function slash(state: EmulatorState, action: SlashAction): InteractionHandle {
  const { command, place } = commandFor(state, action);
  const built = buildCommandData(state, command, action, place);
  const record = buildInteraction(state, {
    userId: action.userId,
    channelId: action.channelId,
    type: InteractionType.ApplicationCommand,
    data: built.data,
    label: built.path,
    // As Discord names the command in a response's interaction: with its subcommand ("ai300 quiz").
    commandName: [command.name, action.subcommand].filter(Boolean).join(' '),
  });
  dispatchInteraction(state, record);
  return new InteractionHandle(state, record);
}

export function autocomplete(state: EmulatorState, action: AutocompleteAction): InteractionHandle {
  const { command, place } = commandFor(state, action);
  const built = buildCommandData(state, command, action, place);
  const record = buildInteraction(state, {
    userId: action.userId,
    channelId: action.channelId,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: built.data,
    label: `${built.path} (autocomplete "${action.focused}")`,
    commandName: command.name,
    focusedOptionType: built.focusedType,
  });
  dispatchInteraction(state, record);
  return new InteractionHandle(state, record);
}

export function click(state: EmulatorState, action: ClickAction): InteractionHandle {
  const { message, component } = componentFor(state, action, 'button');
  if (component.type !== 2 || component.style === 5 || component.style === 6) {
    throw new UserActionError(`Component "${action.customId}" is not a clickable button`);
  }
  return dispatchComponent(state, action, message, { custom_id: action.customId, component_type: 2, id: component.id }, `button "${action.customId}"`);
}

export function select(state: EmulatorState, action: SelectAction): InteractionHandle {
  const { message, component } = componentFor(state, action, 'select menu');
  if (component.type !== 3) throw new UserActionError(`Component "${action.customId}" is not a string select menu (type ${String(component.type)})`);
  const options = Array.isArray(component.options) ? component.options.filter(isObject) : [];
  const allowed = options.map((o) => String(o.value));
  const min = typeof component.min_values === 'number' ? component.min_values : 1;
  const max = typeof component.max_values === 'number' ? component.max_values : 1;
  if (action.values.length < min || action.values.length > max) {
    throw new UserActionError(`Select "${action.customId}" takes ${min}-${max} value(s), got ${action.values.length}`);
  }
  if (new Set(action.values).size !== action.values.length) throw new UserActionError(`Select "${action.customId}": duplicate values`);
  for (const value of action.values) {
    if (!allowed.includes(value)) throw new UserActionError(`Select "${action.customId}" has no option "${value}" (options: ${allowed.join(', ')})`);
  }
  return dispatchComponent(
    state,
    action,
    message,
    { custom_id: action.customId, component_type: 3, values: [...action.values], id: component.id },
    `select "${action.customId}"`,
  );
}

export function submitModal(state: EmulatorState, action: ModalSubmitAction): InteractionHandle {
  const opener = state.interactions.get(action.interactionId);
  if (!opener || opener.response?.type !== InteractionResponseType.Modal) {
    throw new UserActionError(`Interaction ${action.interactionId} did not open a modal`);
  }
  if (opener.userId !== action.userId) throw new UserActionError(`The modal of ${opener.label} was shown to another user`);
  const modal = opener.response.data as JsonObject;
  const rows = Array.isArray(modal.components) ? modal.components.filter(isObject) : [];
  const inputs = rows.flatMap((row) => (row.type === 18 ? [row.component] : Array.isArray(row.components) ? row.components : [])).filter(isObject);
  for (const key of Object.keys(action.fields)) {
    if (!inputs.some((i) => i.custom_id === key)) throw new UserActionError(`The modal has no text input "${key}"`);
  }
  const submitted = rows.map((row) => {
    const toValue = (input: JsonObject) => {
      const value = action.fields[String(input.custom_id)] ?? '';
      if (input.required !== false && value === '') throw new UserActionError(`Text input "${String(input.custom_id)}" is required`);
      if (typeof input.min_length === 'number' && value.length < input.min_length && value !== '') {
        throw new UserActionError(`Text input "${String(input.custom_id)}" needs at least ${input.min_length} characters`);
      }
      if (typeof input.max_length === 'number' && value.length > input.max_length) {
        throw new UserActionError(`Text input "${String(input.custom_id)}" allows at most ${input.max_length} characters`);
      }
      return { type: 4, custom_id: input.custom_id, value, id: input.id };
    };
    if (row.type === 18 && isObject(row.component)) return { type: 18, id: row.id, component: toValue(row.component) };
    return { type: 1, id: row.id, components: (Array.isArray(row.components) ? row.components.filter(isObject) : []).map(toValue) };
  });
  const source = opener.sourceMessageId ? state.messages.get(opener.sourceMessageId) : undefined;
  const record = buildInteraction(state, {
    userId: action.userId,
    channelId: opener.channelId,
    type: InteractionType.ModalSubmit,
    data: { custom_id: modal.custom_id, components: submitted },
    label: `modal "${String(modal.custom_id)}"`,
    ...(source ? { message: asApiMessage(source.data) as unknown as JsonObject, sourceMessageId: String(source.data.id) } : {}),
  });
  dispatchInteraction(state, record);
  return new InteractionHandle(state, record);
}

/** The registered command as this user in this channel would find it in Discord's picker. */
function commandFor(state: EmulatorState, action: SlashAction) {
  const place = placeOf(state, action.userId, action.channelId);
  const command = state.commands.findChatInput(action.command, place.guild?.id);
  if (!command) {
    const known = [...state.commands.list(), ...(place.guild ? state.commands.list(place.guild.id) : [])].map((c) => `/${c.name}`);
    throw new UserActionError(`No registered command /${action.command} here (registered: ${known.join(', ') || 'none'})`);
  }
  const override = place.guild ? state.commands.userOverride(place.guild.id, String(command.name), action.userId) : undefined;
  if (override === false) throw new UserActionError(`/${command.name} is denied to this member by the server's integration settings`);
  checkAvailability(command, place.guild !== undefined, place.userPermissions, `/${command.name}`, override === true);
  return { command, place: { guild: place.guild, channel: place.channel, userId: action.userId } };
}

function checkAvailability(command: CommandJson, inGuild: boolean, permissions: bigint, label: string, allowedByOverride = false): void {
  const contexts = Array.isArray(command.contexts) ? (command.contexts as number[]) : undefined;
  if (inGuild) {
    if (contexts && !contexts.includes(ContextType.Guild))
      throw new UserActionError(`${label} is not available in guilds (contexts ${JSON.stringify(contexts)})`);
    if (!hasAll(permissions, Permission.UseApplicationCommands)) throw new UserActionError(`The user lacks Use Application Commands in this channel`);
    const required = command.default_member_permissions;
    if (!allowedByOverride && typeof required === 'string' && !hasAll(permissions, BigInt(required))) {
      throw new UserActionError(`${label} requires permissions ${required} (default_member_permissions) that the user lacks`);
    }
    return;
  }
  if (command.guild_id !== undefined) throw new UserActionError(`${label} is a guild command and cannot be used in DMs`);
  if (contexts ? !contexts.includes(ContextType.BotDM) : command.dm_permission === false) {
    throw new UserActionError(`${label} is not available in DMs`);
  }
}

function componentFor(state: EmulatorState, action: ClickAction, what: string) {
  const message = state.messages.get(action.messageId);
  if (!message) throw new UserActionError(`No message ${action.messageId} to use a ${what} on`);
  placeOf(state, action.userId, String(message.data.channel_id));
  if (!isVisibleTo(message, action.userId)) {
    throw new UserActionError(`Message ${action.messageId} is ephemeral and only visible to user ${message.recipientId}`);
  }
  if (isLoading(message)) throw new UserActionError(`Message ${action.messageId} is still a deferred "thinking" placeholder`);
  const component = allComponents(message.data.components).find((c) => c.custom_id === action.customId);
  if (!component) {
    const ids = allComponents(message.data.components)
      .map((c) => c.custom_id)
      .filter((id) => id !== undefined);
    throw new UserActionError(`Message ${action.messageId} has no component "${action.customId}" (custom ids: ${ids.join(', ') || 'none'})`);
  }
  if (component.disabled === true) throw new UserActionError(`The ${what} "${action.customId}" is disabled`);
  return { message, component };
}

function dispatchComponent(state: EmulatorState, action: ClickAction, message: { data: JsonObject }, data: JsonObject, label: string): InteractionHandle {
  const record = buildInteraction(state, {
    userId: action.userId,
    channelId: String(message.data.channel_id),
    type: InteractionType.MessageComponent,
    data,
    label,
    message: asApiMessage(message.data) as unknown as JsonObject,
    sourceMessageId: String(message.data.id),
  });
  dispatchInteraction(state, record);
  return new InteractionHandle(state, record);
}

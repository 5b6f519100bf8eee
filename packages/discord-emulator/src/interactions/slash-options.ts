// Builds `data.options` and `data.resolved` for a chat-input interaction from the REGISTERED
// definition. Anything Discord's client would not let a user send is rejected with a clear error.
import { UserActionError } from '../errors.ts';
import type { CommandJson } from '../commands/command-registry.ts';
import type { EmulatorState } from '../state.ts';
import { OptionType } from '../validation/command-limits.ts';
import { codePointLength, isObject } from '../validation/problems.ts';
import { channelPermissions } from '../world/permissions.ts';
import { serializeMember, serializeRole, serializeUser, type JsonObject } from '../world/serialize.ts';
import type { ChannelRecord, GuildRecord } from '../world/types.ts';

export type OptionValue = string | number | boolean;

export interface SlashInput {
  group?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  /** Autocomplete: the option being typed; its value is the partial text. */
  focused?: string;
}

export interface BuiltCommandData {
  data: JsonObject;
  /** Autocomplete: the type of the focused option. */
  focusedType?: number;
  /** "/quiz start" — for labels and errors. */
  path: string;
}

/** Where the command runs and who runs it. */
export interface Place {
  guild?: GuildRecord;
  channel: ChannelRecord;
  userId: string;
}

type OptionDef = Record<string, unknown> & { name: string; type: number };

const asDefs = (value: unknown): OptionDef[] => (Array.isArray(value) ? (value.filter((o) => isObject(o) && typeof o.name === 'string') as OptionDef[]) : []);

const names = (defs: OptionDef[]) => defs.map((d) => d.name).join(', ') || '(none)';

export function buildCommandData(state: EmulatorState, command: CommandJson, input: SlashInput, place: Place): BuiltCommandData {
  const top = asDefs(command.options);
  const groups = top.filter((o) => o.type === OptionType.SubcommandGroup);
  const subs = top.filter((o) => o.type === OptionType.Subcommand);
  let path = `/${command.name}`;
  let leafDefs = top;
  const wrap: ((inner: JsonObject[]) => JsonObject[])[] = [];

  if (input.group !== undefined) {
    const group = groups.find((g) => g.name === input.group);
    if (!group) throw new UserActionError(`${path} has no subcommand group "${input.group}" (groups: ${names(groups)})`);
    path += ` ${group.name}`;
    const groupSubs = asDefs(group.options);
    const sub = groupSubs.find((s) => s.name === input.subcommand);
    if (!sub) throw new UserActionError(`${path} needs a subcommand, one of: ${names(groupSubs)} (got ${String(input.subcommand)})`);
    path += ` ${sub.name}`;
    leafDefs = asDefs(sub.options);
    wrap.push((inner) => [{ type: OptionType.SubcommandGroup, name: group.name, options: [{ type: OptionType.Subcommand, name: sub.name, options: inner }] }]);
  } else if (input.subcommand !== undefined) {
    const sub = subs.find((s) => s.name === input.subcommand);
    if (!sub) throw new UserActionError(`${path} has no top-level subcommand "${input.subcommand}" (subcommands: ${names(subs)})`);
    path += ` ${sub.name}`;
    leafDefs = asDefs(sub.options);
    wrap.push((inner) => [{ type: OptionType.Subcommand, name: sub.name, options: inner }]);
  } else if (groups.length > 0 || subs.length > 0) {
    throw new UserActionError(`${path} requires a subcommand${groups.length ? ' or group' : ''}: ${names([...groups, ...subs])}`);
  }

  const given = input.options ?? {};
  for (const name of Object.keys(given)) {
    if (!leafDefs.some((d) => d.name === name)) throw new UserActionError(`${path} has no option "${name}" (options: ${names(leafDefs)})`);
  }
  const resolved: Record<string, Record<string, JsonObject>> = {};
  const options: JsonObject[] = [];
  let focusedType: number | undefined;
  if (input.focused !== undefined) {
    const def = leafDefs.find((d) => d.name === input.focused);
    if (!def) throw new UserActionError(`${path} has no option "${input.focused}" to focus`);
    if (def.autocomplete !== true) throw new UserActionError(`Option "${input.focused}" of ${path} does not have autocomplete enabled`);
    focusedType = def.type;
  }
  for (const def of leafDefs) {
    const value = given[def.name];
    if (def.name === input.focused) {
      options.push({ type: def.type, name: def.name, value: value === undefined ? '' : String(value), focused: true });
      continue;
    }
    if (value === undefined) {
      if (def.required === true && input.focused === undefined) throw new UserActionError(`${path} requires option "${def.name}"`);
      continue;
    }
    options.push({ type: def.type, name: def.name, value: checkValue(state, path, def, value, place, resolved) });
  }

  const data: JsonObject = { id: command.id, name: command.name, type: command.type };
  if (typeof command.guild_id === 'string') data.guild_id = command.guild_id;
  const nested = wrap.reduce((inner, fn) => fn(inner), options);
  if (nested.length > 0) data.options = nested;
  if (Object.keys(resolved).length > 0) data.resolved = resolved;
  return { data, focusedType, path };
}

function checkValue(
  state: EmulatorState,
  path: string,
  def: OptionDef,
  value: OptionValue,
  place: Place,
  resolved: Record<string, Record<string, JsonObject>>,
): OptionValue {
  const guild = place.guild;
  const where = `option "${def.name}" of ${path}`;
  const fail = (why: string): never => {
    throw new UserActionError(`Invalid value ${JSON.stringify(value)} for ${where}: ${why}`);
  };
  const add = (kind: string, id: string, json: JsonObject) => {
    resolved[kind] ??= {};
    (resolved[kind] as Record<string, JsonObject>)[id] = json;
  };
  switch (def.type) {
    case OptionType.String:
      if (typeof value !== 'string') fail('expected a string');
      checkLength(value as string, def, fail);
      checkChoices(value, def, fail);
      return value;
    case OptionType.Integer:
    case OptionType.Number:
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('expected a number');
      if (def.type === OptionType.Integer && !Number.isInteger(value)) fail('expected an integer');
      if (typeof def.min_value === 'number' && (value as number) < def.min_value) fail(`below min_value ${def.min_value}`);
      if (typeof def.max_value === 'number' && (value as number) > def.max_value) fail(`above max_value ${def.max_value}`);
      checkChoices(value, def, fail);
      return value;
    case OptionType.Boolean:
      if (typeof value !== 'boolean') fail('expected a boolean');
      return value;
    case OptionType.User:
      return resolveUser(state, String(value), place, add, fail);
    case OptionType.Role:
      return resolveRole(String(value), guild, add, fail);
    case OptionType.Mentionable:
      if (guild?.roles.has(String(value))) return resolveRole(String(value), guild, add, fail);
      return resolveUser(state, String(value), place, add, fail);
    case OptionType.Channel: {
      const channel = state.world.channels.get(String(value));
      if (!channel || !guild || channel.guildId !== guild.id) fail('not a channel of this guild');
      const types = Array.isArray(def.channel_types) ? def.channel_types : undefined;
      if (types && !types.includes(channel!.type)) fail(`channel type ${channel!.type} not in channel_types ${JSON.stringify(types)}`);
      add('channels', channel!.id, {
        id: channel!.id,
        name: channel!.name,
        type: channel!.type,
        parent_id: channel!.parentId,
        permissions: channelPermissions(guild!, channel!, place.userId).toString(),
        flags: 0,
      });
      return channel!.id;
    }
    default:
      return fail(`option type ${def.type} is not supported by the emulator`);
  }
}

function checkLength(value: string, def: OptionDef, fail: (why: string) => never): void {
  const length = codePointLength(value);
  if (typeof def.min_length === 'number' && length < def.min_length) fail(`shorter than min_length ${def.min_length}`);
  if (typeof def.max_length === 'number' && length > def.max_length) fail(`longer than max_length ${def.max_length}`);
  if (length > 6000) fail('longer than 6000 characters');
}

function checkChoices(value: OptionValue, def: OptionDef, fail: (why: string) => never): void {
  if (!Array.isArray(def.choices) || def.choices.length === 0) return;
  const allowed = def.choices.filter(isObject).map((c) => c.value);
  if (!allowed.includes(value)) fail(`not one of the registered choices ${JSON.stringify(allowed)}`);
}

function resolveUser(
  state: EmulatorState,
  id: string,
  place: Place,
  add: (kind: string, id: string, json: JsonObject) => void,
  fail: (why: string) => never,
): string {
  const user = state.world.users.get(id);
  if (!user) fail('unknown user');
  add('users', id, serializeUser(user!));
  const member = place.guild?.members.get(id);
  if (member && place.guild) {
    const { user: _omit, ...memberJson } = serializeMember(state.world, member);
    add('members', id, { ...memberJson, permissions: channelPermissions(place.guild, place.channel, id).toString() });
  }
  return id;
}

function resolveRole(
  id: string,
  guild: GuildRecord | undefined,
  add: (kind: string, id: string, json: JsonObject) => void,
  fail: (why: string) => never,
): string {
  const role = guild?.roles.get(id);
  if (!role) fail('not a role of this guild');
  add('roles', id, serializeRole(role!));
  return id;
}

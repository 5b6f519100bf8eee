// Registered application commands, global and per guild, as Discord stores and returns them.
// Slash interactions are built from these definitions only.
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { isObject } from '../validation/problems.ts';
import { CommandType } from '../validation/command-limits.ts';

export type CommandJson = Record<string, unknown> & { id: string; name: string; type: number };

export class CommandRegistry {
  private readonly global = new Map<string, CommandJson>();
  private readonly guilds = new Map<string, Map<string, CommandJson>>();
  /** A server's per-user command permission overrides (Server Settings > Integrations). */
  private readonly userOverrides = new Map<string, boolean>();

  constructor(
    private readonly applicationId: string,
    private readonly nextId: () => string,
  ) {}

  /** Like Discord's integration settings: allow or deny one member a command in a server, whatever default_member_permissions says. */
  setUserOverride(guildId: string, commandName: string, userId: string, allowed: boolean): void {
    this.userOverrides.set(`${guildId}:${commandName}:${userId}`, allowed);
  }

  userOverride(guildId: string, commandName: string, userId: string): boolean | undefined {
    return this.userOverrides.get(`${guildId}:${commandName}:${userId}`);
  }

  list(guildId?: string): CommandJson[] {
    return [...this.scope(guildId).values()];
  }

  get(id: string, guildId?: string): CommandJson | undefined {
    return this.scope(guildId).get(id);
  }

  /** POST: a command with the same name and type replaces the existing one (keeping its id). */
  upsert(input: Record<string, unknown>, guildId?: string): { command: CommandJson; created: boolean } {
    const scope = this.scope(guildId);
    const type = commandType(input);
    const existing = [...scope.values()].find((c) => c.name === input.name && c.type === type);
    const command = this.normalize(input, existing?.id ?? this.nextId(), guildId);
    scope.set(command.id, command);
    return { command, created: existing === undefined };
  }

  patch(id: string, input: Record<string, unknown>, guildId?: string): CommandJson | undefined {
    const scope = this.scope(guildId);
    const existing = scope.get(id);
    if (!existing) return undefined;
    const merged: Record<string, unknown> = { ...existing };
    for (const [key, value] of Object.entries(input)) if (value !== undefined) merged[key] = value;
    const command = this.normalize(merged, id, guildId);
    scope.set(id, command);
    return command;
  }

  delete(id: string, guildId?: string): boolean {
    return this.scope(guildId).delete(id);
  }

  /** PUT: the new list replaces everything; commands matched by name and type keep their ids. */
  overwrite(inputs: Record<string, unknown>[], guildId?: string): CommandJson[] {
    const scope = this.scope(guildId);
    const previous = [...scope.values()];
    scope.clear();
    for (const input of inputs) {
      const kept = previous.find((c) => c.name === input.name && c.type === commandType(input));
      const command = this.normalize(input, kept?.id ?? this.nextId(), guildId);
      scope.set(command.id, command);
    }
    return [...scope.values()];
  }

  /** A chat-input command by name as a user in this guild (or a DM) would see it. */
  findChatInput(name: string, guildId?: string): CommandJson | undefined {
    const matches = (c: CommandJson) => c.name === name && c.type === CommandType.ChatInput;
    return (guildId ? this.list(guildId).find(matches) : undefined) ?? this.list().find(matches);
  }

  private scope(guildId?: string): Map<string, CommandJson> {
    if (guildId === undefined) return this.global;
    let scope = this.guilds.get(guildId);
    if (!scope) {
      scope = new Map();
      this.guilds.set(guildId, scope);
    }
    return scope;
  }

  private normalize(input: Record<string, unknown>, id: string, guildId?: string): CommandJson {
    const type = commandType(input);
    const permissions = input.default_member_permissions;
    const command: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      version: this.nextId(),
      type,
      name: input.name,
      name_localizations: input.name_localizations ?? null,
      description: typeof input.description === 'string' ? input.description : '',
      description_localizations: input.description_localizations ?? null,
      default_member_permissions: permissions === undefined || permissions === null ? null : String(permissions),
      dm_permission: guildId ? undefined : input.dm_permission !== false,
      contexts: Array.isArray(input.contexts) ? input.contexts : null,
      integration_types: Array.isArray(input.integration_types) ? input.integration_types : [0],
      nsfw: input.nsfw === true,
      ...(guildId ? { guild_id: guildId } : {}),
    };
    if (Array.isArray(input.options) && input.options.length > 0) command.options = input.options.map(normalizeOption);
    return command as CommandJson;
  }
}

function commandType(input: Record<string, unknown>): number {
  return typeof input.type === 'number' ? input.type : CommandType.ChatInput;
}

/** Drops nulls and normalizes `required`, like Discord's stored representation. */
function normalizeOption(option: unknown): unknown {
  if (!isObject(option)) return option;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(option)) if (value !== null && value !== undefined) out[key] = value;
  if (Array.isArray(out.options)) out.options = out.options.map(normalizeOption);
  if (out.type !== 1 && out.type !== 2) out.required = out.required === true;
  return out;
}

export const asApiCommand = (command: CommandJson) => structuredClone(command) as unknown as APIApplicationCommand;

// World changes made by tests or the playground, each followed by the gateway event Discord
// would send the bot (GUILD_CREATE, CHANNEL_CREATE/UPDATE/DELETE, GUILD_ROLE_*, member updates).
import { GatewayIntentBits } from 'discord-api-types/v10';
import { UserActionError } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import { Permission } from './permissions.ts';
import { serializeChannel, serializeGuildCreate, serializeMember, serializeRole, serializeUser } from './serialize.ts';
import { ChannelKind, type ChannelRecord } from './types.ts';
import { toBits, toOverwrite, type OverwriteInput, type PermissionInput } from './world.ts';

export interface CreateGuildOptions {
  /** Keep a known id (default: a new snowflake). */
  id?: string;
  name: string;
  /** Defaults to a new user named "<guild name> owner". */
  ownerId?: string;
  /** @everyone's permissions (default: Discord's defaults). */
  everyonePermissions?: PermissionInput;
  /** Gives the bot a managed role with these permissions (Discord creates one on invite). */
  botPermissions?: PermissionInput;
  /** Also create an "Admin" role with Administrator. */
  adminRole?: boolean;
  /** Whether the bot is in the guild (default true). */
  withBot?: boolean;
}

export interface GuildInfo {
  id: string;
  ownerId: string;
  everyoneRoleId: string;
  adminRoleId?: string;
  botRoleId?: string;
}

export interface ChannelOptions {
  /** Keep a known id (default: a new snowflake). */
  id?: string;
  name: string;
  topic?: string;
  parentId?: string;
  overwrites?: OverwriteInput[];
}

export class WorldBuilder {
  constructor(private readonly state: EmulatorState) {}

  private get world() {
    return this.state.world;
  }

  createUser(input: { id?: string; username: string; globalName?: string; locale?: string }) {
    return serializeUser(this.world.addUser(input));
  }

  createGuild(options: CreateGuildOptions): GuildInfo {
    const ownerId = options.ownerId ?? this.world.addUser({ username: `${options.name.toLowerCase().replace(/\W+/g, '-')}-owner` }).id;
    const guild = this.world.addGuild({ ...(options.id && { id: options.id }), name: options.name, ownerId, everyonePermissions: options.everyonePermissions });
    const info: GuildInfo = { id: guild.id, ownerId, everyoneRoleId: guild.id };
    if (options.adminRole) info.adminRoleId = this.world.addRole(guild.id, { name: 'Admin', permissions: Permission.Administrator }).id;
    if (options.withBot !== false) {
      const botRoles: string[] = [];
      if (options.botPermissions !== undefined) {
        const role = this.world.addRole(guild.id, { name: this.state.bot.username, permissions: options.botPermissions, botId: this.state.bot.id });
        info.botRoleId = role.id;
        botRoles.push(role.id);
      }
      this.world.addMember(guild.id, this.state.bot.id, botRoles);
      this.state.gateway.dispatch('GUILD_CREATE', serializeGuildCreate(this.world, guild, this.state.bot.id), GatewayIntentBits.Guilds);
    }
    return info;
  }

  createRole(guildId: string, input: { name: string; permissions?: PermissionInput; color?: number; hoist?: boolean }) {
    const role = this.world.addRole(guildId, input);
    this.dispatchIfBotIn(guildId, 'GUILD_ROLE_CREATE', { guild_id: guildId, role: serializeRole(role) });
    return serializeRole(role);
  }

  setRolePermissions(guildId: string, roleId: string, permissions: PermissionInput): void {
    const role = this.world.requireGuild(guildId).roles.get(roleId);
    if (!role) throw new UserActionError(`Unknown role ${roleId}`);
    role.permissions = toBits(permissions);
    this.dispatchIfBotIn(guildId, 'GUILD_ROLE_UPDATE', { guild_id: guildId, role: serializeRole(role) });
  }

  addMember(guildId: string, userId: string, options: { roles?: string[]; nick?: string } = {}) {
    const member = this.world.addMember(guildId, userId, options.roles ?? [], options.nick ?? null);
    this.dispatchIfBotIn(guildId, 'GUILD_MEMBER_ADD', { guild_id: guildId, ...serializeMember(this.world, member) }, GatewayIntentBits.GuildMembers);
    return serializeMember(this.world, member);
  }

  setMemberRoles(guildId: string, userId: string, roleIds: string[]): void {
    const guild = this.world.requireGuild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new UserActionError(`User ${userId} is not a member of guild ${guildId}`);
    for (const id of roleIds) if (!guild.roles.has(id)) throw new UserActionError(`Unknown role ${id}`);
    member.roleIds = [...roleIds];
    // Bots always receive updates of their own member; other members need GUILD_MEMBERS.
    const intent = userId === this.state.bot.id ? undefined : GatewayIntentBits.GuildMembers;
    this.dispatchIfBotIn(guildId, 'GUILD_MEMBER_UPDATE', { guild_id: guildId, ...serializeMember(this.world, member) }, intent);
  }

  createTextChannel(guildId: string, options: ChannelOptions) {
    return this.createChannel(guildId, ChannelKind.GuildText, options);
  }

  createCategory(guildId: string, options: Omit<ChannelOptions, 'parentId' | 'topic'>) {
    return this.createChannel(guildId, ChannelKind.GuildCategory, options);
  }

  updateChannel(channelId: string, changes: { name?: string; topic?: string | null; overwrites?: OverwriteInput[] }) {
    const channel = this.guildChannel(channelId);
    if (changes.name !== undefined) channel.name = changes.name;
    if (changes.topic !== undefined) channel.topic = changes.topic;
    if (changes.overwrites !== undefined) channel.overwrites = changes.overwrites.map(toOverwrite);
    const json = serializeChannel(this.world, channel);
    this.dispatchIfBotIn(channel.guildId as string, 'CHANNEL_UPDATE', json);
    return json;
  }

  deleteChannel(channelId: string): void {
    const channel = this.guildChannel(channelId);
    const json = serializeChannel(this.world, channel);
    this.world.removeChannel(channelId);
    this.state.messages.deleteChannel(channelId);
    this.dispatchIfBotIn(channel.guildId as string, 'CHANNEL_DELETE', json);
  }

  /** Removes the guild (or the bot from it): GUILD_DELETE. */
  removeBotFromGuild(guildId: string): void {
    const guild = this.world.requireGuild(guildId);
    if (!guild.members.has(this.state.bot.id)) return;
    guild.members.delete(this.state.bot.id);
    this.state.gateway.dispatch('GUILD_DELETE', { id: guildId }, GatewayIntentBits.Guilds);
  }

  private createChannel(guildId: string, type: ChannelKind, options: ChannelOptions) {
    const channel = this.world.addChannel({
      ...(options.id && { id: options.id }),
      guildId,
      type,
      name: options.name,
      topic: options.topic,
      parentId: options.parentId,
      overwrites: (options.overwrites ?? []).map(toOverwrite),
    });
    const json = serializeChannel(this.world, channel);
    this.dispatchIfBotIn(guildId, 'CHANNEL_CREATE', json);
    return json;
  }

  private guildChannel(channelId: string): ChannelRecord {
    const channel = this.world.requireChannel(channelId);
    if (channel.guildId === undefined) throw new UserActionError(`Channel ${channelId} is not a guild channel`);
    return channel;
  }

  private dispatchIfBotIn(guildId: string, event: string, data: Record<string, unknown>, intent: number | undefined = GatewayIntentBits.Guilds): void {
    if (this.world.guilds.get(guildId)?.members.has(this.state.bot.id)) this.state.gateway.dispatch(event, data, intent);
  }
}

// The emulated world: users, guilds, roles, members and channels. Pure state with lookups;
// the emulator facade dispatches the matching gateway events after each change.
import { UserActionError } from '../errors.ts';
import { DEFAULT_EVERYONE_PERMISSIONS } from './permissions.ts';
import { ChannelKind, type ChannelRecord, type GuildRecord, type MemberRecord, type OverwriteRecord, type RoleRecord, type UserRecord } from './types.ts';

/** Permission bits as Discord writes them (digit string), a number or a bigint. */
export type PermissionInput = bigint | number | string;

export interface OverwriteInput {
  /** Role id (the guild id is the @everyone role) or user id. */
  id: string;
  type: 'role' | 'member';
  allow?: PermissionInput;
  deny?: PermissionInput;
}

export function toBits(value: PermissionInput | undefined): bigint {
  if (value === undefined) return 0n;
  if (typeof value === 'string' && !/^\d+$/.test(value)) throw new TypeError(`Not a permission bitfield: ${value}`);
  return BigInt(value);
}

export function toOverwrite(input: OverwriteInput): OverwriteRecord {
  return { id: input.id, type: input.type === 'role' ? 0 : 1, allow: toBits(input.allow), deny: toBits(input.deny) };
}

export class World {
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();

  constructor(
    private readonly nextId: () => string,
    private readonly now: () => number,
  ) {}

  /** A given id (a world rebuilt with the same ids, as the playground does after a restart) or a new one. */
  private freshOrGiven(id: string | undefined): string {
    if (id === undefined) return this.nextId();
    if (!/^\d{17,20}$/.test(id)) throw new UserActionError(`"${id}" is not a snowflake`);
    if (this.guilds.has(id) || this.channels.has(id) || this.users.has(id)) throw new UserActionError(`id ${id} is already used`);
    return id;
  }

  addUser(input: { id?: string; username: string; globalName?: string | null; bot?: boolean; locale?: string }): UserRecord {
    const user: UserRecord = {
      id: input.id ?? this.nextId(),
      username: input.username,
      globalName: input.globalName ?? null,
      bot: input.bot ?? false,
      locale: input.locale ?? 'en-US',
    };
    this.users.set(user.id, user);
    return user;
  }

  addGuild(input: { id?: string; name: string; ownerId: string; everyonePermissions?: PermissionInput; preferredLocale?: string }): GuildRecord {
    this.requireUser(input.ownerId);
    const id = this.freshOrGiven(input.id);
    const guild: GuildRecord = {
      id,
      name: input.name,
      ownerId: input.ownerId,
      preferredLocale: input.preferredLocale ?? 'en-US',
      roles: new Map(),
      members: new Map(),
      channelIds: [],
      createdAt: this.now(),
    };
    const everyone = input.everyonePermissions === undefined ? DEFAULT_EVERYONE_PERMISSIONS : toBits(input.everyonePermissions);
    guild.roles.set(id, this.role(guild, { id, name: '@everyone', permissions: everyone, position: 0 }));
    this.guilds.set(id, guild);
    this.addMember(id, input.ownerId, []);
    return guild;
  }

  addRole(guildId: string, input: { name: string; permissions?: PermissionInput; botId?: string; color?: number; hoist?: boolean }): RoleRecord {
    const guild = this.requireGuild(guildId);
    const position = Math.max(0, ...[...guild.roles.values()].map((r) => r.position)) + 1;
    const role = this.role(guild, {
      id: this.nextId(),
      name: input.name,
      permissions: toBits(input.permissions),
      position,
      color: input.color,
      hoist: input.hoist,
      botId: input.botId,
    });
    guild.roles.set(role.id, role);
    return role;
  }

  private role(
    guild: GuildRecord,
    input: { id: string; name: string; permissions: bigint; position: number; color?: number; hoist?: boolean; botId?: string },
  ): RoleRecord {
    return {
      id: input.id,
      guildId: guild.id,
      name: input.name,
      permissions: input.permissions,
      position: input.position,
      color: input.color ?? 0,
      hoist: input.hoist ?? false,
      managed: input.botId !== undefined,
      mentionable: false,
      botId: input.botId,
    };
  }

  addMember(guildId: string, userId: string, roleIds: string[], nick: string | null = null): MemberRecord {
    const guild = this.requireGuild(guildId);
    this.requireUser(userId);
    for (const roleId of roleIds) if (!guild.roles.has(roleId)) throw new UserActionError(`Unknown role ${roleId} in guild ${guildId}`);
    const member: MemberRecord = { userId, guildId, roleIds: [...roleIds], nick, joinedAt: this.now() };
    guild.members.set(userId, member);
    return member;
  }

  addChannel(input: {
    id?: string;
    guildId?: string;
    type: ChannelKind;
    name?: string;
    topic?: string | null;
    parentId?: string | null;
    overwrites?: OverwriteRecord[];
    recipientId?: string;
  }): ChannelRecord {
    const guild = input.guildId === undefined ? undefined : this.requireGuild(input.guildId);
    if (input.parentId && this.channels.get(input.parentId)?.type !== ChannelKind.GuildCategory) {
      throw new UserActionError(`Parent ${input.parentId} is not a category channel`);
    }
    const channel: ChannelRecord = {
      id: this.freshOrGiven(input.id),
      type: input.type,
      guildId: guild?.id,
      name: input.name,
      topic: input.topic ?? null,
      position: guild ? guild.channelIds.length : 0,
      parentId: input.parentId ?? null,
      overwrites: input.overwrites ?? [],
      recipientId: input.recipientId,
      lastMessageId: null,
      nsfw: false,
      rateLimitPerUser: 0,
    };
    this.channels.set(channel.id, channel);
    guild?.channelIds.push(channel.id);
    return channel;
  }

  removeChannel(channelId: string): ChannelRecord {
    const channel = this.requireChannel(channelId);
    this.channels.delete(channelId);
    if (channel.guildId) {
      const guild = this.requireGuild(channel.guildId);
      guild.channelIds = guild.channelIds.filter((id) => id !== channelId);
    }
    return channel;
  }

  /** The DM channel between the bot and a user, created on first use like Discord does. */
  dmChannelFor(userId: string): ChannelRecord {
    const user = this.requireUser(userId);
    if (user.dmChannelId) return this.requireChannel(user.dmChannelId);
    const channel = this.addChannel({ type: ChannelKind.DM, recipientId: userId });
    user.dmChannelId = channel.id;
    return channel;
  }

  requireUser(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new UserActionError(`Unknown user ${id}`);
    return user;
  }

  requireGuild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw new UserActionError(`Unknown guild ${id}`);
    return guild;
  }

  requireChannel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (!channel) throw new UserActionError(`Unknown channel ${id}`);
    return channel;
  }

  guildOf(channel: ChannelRecord): GuildRecord | undefined {
    return channel.guildId === undefined ? undefined : this.guilds.get(channel.guildId);
  }
}

// World records -> Discord API objects (the shapes discord.js parses into its caches).
import type { World } from './world.ts';
import { ChannelKind, type ChannelRecord, type GuildRecord, type MemberRecord, type RoleRecord, type UserRecord } from './types.ts';

export type JsonObject = Record<string, unknown>;

const iso = (ms: number) => new Date(ms).toISOString();

export function serializeUser(user: UserRecord): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    bot: user.bot || undefined,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    primary_guild: null,
  };
}

export function serializeRole(role: RoleRecord): JsonObject {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: role.hoist,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: role.mentionable,
    flags: 0,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

export function serializeMember(world: World, member: MemberRecord): JsonObject {
  return {
    user: serializeUser(world.requireUser(member.userId)),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roleIds],
    joined_at: iso(member.joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export function serializeChannel(world: World, channel: ChannelRecord, options: { includeGuildId?: boolean } = {}): JsonObject {
  if (channel.type === ChannelKind.DM) {
    const recipient = channel.recipientId ? world.users.get(channel.recipientId) : undefined;
    return {
      id: channel.id,
      type: channel.type,
      last_message_id: channel.lastMessageId,
      flags: 0,
      recipients: recipient ? [serializeUser(recipient)] : [],
    };
  }
  const base: JsonObject = {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    position: channel.position,
    parent_id: channel.parentId,
    flags: 0,
    permission_overwrites: channel.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
  };
  if (options.includeGuildId !== false) base.guild_id = channel.guildId;
  if (channel.type === ChannelKind.GuildText) {
    Object.assign(base, {
      topic: channel.topic,
      nsfw: channel.nsfw,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: channel.rateLimitPerUser,
      last_pin_timestamp: null,
    });
  }
  return base;
}

/** GET /guilds/{id}: the guild without the gateway-only fields. */
export function serializeGuild(guild: GuildRecord): JsonObject {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...guild.roles.values()].map(serializeRole),
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

/**
 * GUILD_CREATE payload. Like Discord without the GUILD_MEMBERS/GUILD_PRESENCES intents,
 * `members` holds only the bot itself (enough for discord.js to compute its permissions).
 */
export function serializeGuildCreate(world: World, guild: GuildRecord, botId: string): JsonObject {
  const me = guild.members.get(botId);
  return {
    ...serializeGuild(guild),
    joined_at: iso(me?.joinedAt ?? guild.createdAt),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: me ? [serializeMember(world, me)] : [],
    channels: guild.channelIds
      .map((id) => world.channels.get(id))
      .filter((c): c is ChannelRecord => c !== undefined)
      .map((c) => serializeChannel(world, c, { includeGuildId: false })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The whole world as API objects, for the playground's sidebar and for debugging tests. */
export function serializeWorld(world: World) {
  return {
    users: [...world.users.values()].map(serializeUser),
    guilds: [...world.guilds.values()].map((guild) => ({
      ...serializeGuild(guild),
      channels: guild.channelIds
        .map((id) => world.channels.get(id))
        .filter((c): c is ChannelRecord => c !== undefined)
        .map((c) => serializeChannel(world, c)),
      members: [...guild.members.values()].map((m) => serializeMember(world, m)),
    })),
    dmChannels: [...world.channels.values()].filter((c) => c.type === ChannelKind.DM).map((c) => serializeChannel(world, c)),
  };
}

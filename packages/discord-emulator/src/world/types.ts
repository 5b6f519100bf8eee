// Internal records of the emulated world. Serialized to Discord's API shapes in serialize.ts.

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  locale: string;
  dmChannelId?: string;
}

export interface RoleRecord {
  id: string;
  guildId: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  /** Set for the role Discord creates for a bot when it joins. */
  botId?: string;
}

export const OverwriteType = { Role: 0, Member: 1 } as const;

export interface OverwriteRecord {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export const ChannelKind = { GuildText: 0, DM: 1, GuildCategory: 4 } as const;
export type ChannelKind = (typeof ChannelKind)[keyof typeof ChannelKind];

export interface ChannelRecord {
  id: string;
  type: ChannelKind;
  guildId?: string;
  name?: string;
  topic: string | null;
  position: number;
  parentId: string | null;
  overwrites: OverwriteRecord[];
  /** DM channels: the user on the other side of the bot. */
  recipientId?: string;
  lastMessageId: string | null;
  nsfw: boolean;
  rateLimitPerUser: number;
}

export interface MemberRecord {
  userId: string;
  guildId: string;
  roleIds: string[];
  nick: string | null;
  joinedAt: number;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberRecord>;
  channelIds: string[];
  createdAt: number;
}

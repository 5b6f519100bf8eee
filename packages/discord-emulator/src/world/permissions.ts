// Discord's permission algorithm (base permissions from roles, then channel overwrites in the
// documented order: @everyone, roles, member). Interactions carry the result as strings.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord } from './types.ts';

export const Permission = PermissionFlagsBits;

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What a fresh guild grants @everyone: discord.js's PermissionsBitField.Default plus the newer defaults. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  104324673n |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.UseExternalStickers |
  PermissionFlagsBits.UseEmbeddedActivities |
  PermissionFlagsBits.SendVoiceMessages |
  PermissionFlagsBits.SendPolls |
  PermissionFlagsBits.UseExternalApps;

/** What Discord reports as app/member permissions inside a DM. */
export const DM_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands;

export function guildPermissions(guild: GuildRecord, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let permissions = guild.roles.get(guild.id)?.permissions ?? 0n;
  for (const roleId of member.roleIds) permissions |= guild.roles.get(roleId)?.permissions ?? 0n;
  return (permissions & Permission.Administrator) !== 0n ? ALL_PERMISSIONS : permissions;
}

export function channelPermissions(guild: GuildRecord, channel: ChannelRecord, userId: string): bigint {
  let permissions = guildPermissions(guild, userId);
  if (permissions === ALL_PERMISSIONS) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  const everyone = channel.overwrites.find((o) => o.id === guild.id);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of channel.overwrites) {
    if (overwrite.type === 0 && member.roleIds.includes(overwrite.id)) {
      roleAllow |= overwrite.allow;
      roleDeny |= overwrite.deny;
    }
  }
  permissions = (permissions & ~roleDeny) | roleAllow;
  const own = channel.overwrites.find((o) => o.type === 1 && o.id === userId);
  if (own) permissions = (permissions & ~own.deny) | own.allow;
  // Without View Channel a member has no permissions in the channel at all.
  return (permissions & Permission.ViewChannel) === 0n ? 0n : permissions;
}

export function hasAll(permissions: bigint, required: bigint): boolean {
  return (permissions & required) === required;
}

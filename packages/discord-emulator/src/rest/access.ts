// The bot's access checks for channel and guild routes (Missing Access vs Missing Permissions).
import { missingAccess, missingPermissions, unknownChannel, unknownGuild } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import { channelPermissions, DM_PERMISSIONS, hasAll, Permission } from '../world/permissions.ts';
import { ChannelKind, type ChannelRecord, type GuildRecord } from '../world/types.ts';

export function botPermissionsIn(state: EmulatorState, channel: ChannelRecord): bigint {
  if (channel.type === ChannelKind.DM) return DM_PERMISSIONS;
  const guild = state.world.guildOf(channel);
  return guild ? channelPermissions(guild, channel, state.bot.id) : 0n;
}

/** The channel, if the bot can see it and holds `required` there. */
export function channelForBot(state: EmulatorState, channelId: string, required: bigint = 0n): ChannelRecord {
  const channel = state.world.channels.get(channelId);
  if (!channel) throw unknownChannel();
  if (channel.guildId !== undefined && !state.world.guilds.get(channel.guildId)?.members.has(state.bot.id)) throw missingAccess();
  const permissions = botPermissionsIn(state, channel);
  if ((permissions & Permission.ViewChannel) === 0n) throw missingAccess();
  if (!hasAll(permissions, required)) throw missingPermissions();
  return channel;
}

export function guildForBot(state: EmulatorState, guildId: string): GuildRecord {
  const guild = state.world.guilds.get(guildId);
  if (!guild) throw unknownGuild();
  if (!guild.members.has(state.bot.id)) throw missingAccess();
  return guild;
}

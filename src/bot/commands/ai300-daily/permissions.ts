import { ChannelType, PermissionFlagsBits, type ChatInputCommandInteraction, type GuildBasedChannel, type SlashCommandSubcommandBuilder } from 'discord.js';
import { UserError } from '../../errors.ts';

/** Discord hides the command from members without Manage Channels; check again in case a server overrode it. */
export function requireManageChannels(interaction: ChatInputCommandInteraction): void {
  if (!interaction.inGuild()) throw new UserError('`/ai300-daily` works in a server, not in direct messages.');
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) {
    throw new UserError('You need the **Manage Channels** permission to set up the daily question.');
  }
}

const NEEDED: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

/** Names every permission the bot lacks in the channel, or nothing when it can post there. */
export function missingBotPermissions(channel: GuildBasedChannel): string[] {
  const me = channel.guild.members.me;
  const granted = me ? channel.permissionsFor(me) : null;
  if (!granted) return NEEDED.map(([, name]) => name);
  return NEEDED.filter(([flag]) => !granted.has(flag)).map(([, name]) => name);
}

export const POSTABLE_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** The guild id of a command that only runs in servers (the group's contexts and guard ensure it). */
export function guildIdOf(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild()) throw new UserError('`/ai300-daily` works in a server, not in direct messages.');
  return interaction.guildId;
}

/** `channel`, optional: the daily channel a subcommand acts on (default: where it is run). */
export function addTargetChannelOption(builder: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return builder.addChannelOption((o) =>
    o
      .setName('channel')
      .setDescription('Default: this channel')
      .addChannelTypes(...POSTABLE_CHANNEL_TYPES),
  );
}

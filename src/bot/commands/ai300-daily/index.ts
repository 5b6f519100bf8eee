// /ai300-daily: admins set up one question a day per channel. Hidden by default from members
// without Manage Channels, and checked again when run.
import { ApplicationIntegrationType, ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { DISCORD_LIMITS } from '../../../render/limits.ts';
import { searchTimeZones } from '../../../domain/daily/clock.ts';
import { UserError } from '../../errors.ts';
import type { SlashCommand } from '../types.ts';
import { dailyStatus } from './status.ts';
import { postDailyNow } from './now.ts';
import { requireManageChannels } from './permissions.ts';
import { setDaily } from './set.ts';
import { turnDailyOff } from './off.ts';

const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export function createDailyCommand(): SlashCommand {
  const builder = new SlashCommandBuilder()
    .setName('ai300-daily')
    .setDescription('A daily AI-300 question in a channel, aimed at its weakest domain')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setNSFW(false)
    .addSubcommand((s) =>
      s
        .setName('set')
        .setDescription('Post a question every day in a channel at a local time')
        .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(...TEXT_CHANNELS))
        .addStringOption((o) => o.setName('time').setDescription('24-hour local time, HH:MM (e.g. 08:30)').setRequired(true).setMinLength(3).setMaxLength(5))
        .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Paris (default UTC)').setAutocomplete(true).setMaxLength(64)),
    )
    .addSubcommand((s) =>
      s
        .setName('off')
        .setDescription('Stop the daily question in a channel')
        .addChannelOption((o) => o.setName('channel').setDescription('Default: this channel').addChannelTypes(...TEXT_CHANNELS)),
    )
    .addSubcommand((s) => s.setName('status').setDescription('Every daily channel here: next post time and weakest domain'))
    .addSubcommand((s) =>
      s
        .setName('now')
        .setDescription('Post a daily question right now (in addition to the scheduled one)')
        .addChannelOption((o) => o.setName('channel').setDescription('Default: this channel').addChannelTypes(...TEXT_CHANNELS)),
    );
  const handlers = { set: setDaily, off: turnDailyOff, status: dailyStatus, now: postDailyNow };
  return {
    name: 'ai300-daily',
    data: builder.toJSON(),
    async execute(interaction, ctx) {
      requireManageChannels(interaction);
      const handler = handlers[interaction.options.getSubcommand() as keyof typeof handlers];
      if (!handler || !interaction.inGuild()) throw new UserError('That subcommand is not available any more.');
      await handler(interaction, ctx);
    },
    async autocomplete(interaction) {
      const zones = searchTimeZones(interaction.options.getFocused(), DISCORD_LIMITS.autocompleteChoices);
      await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
    },
  };
}

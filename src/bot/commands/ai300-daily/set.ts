import { MessageFlags } from 'discord.js';
import { isValidTimeZone, parseClockTime, searchTimeZones } from '../../../domain/daily/clock.ts';
import { carriedClaim, nextPost } from '../../../domain/daily/schedule.ts';
import { renderDailySet } from '../../../render/dailyAdmin.ts';
import type { BotContext } from '../../context.ts';
import { UserError } from '../../errors.ts';
import { DISCORD_LIMITS } from '../../../render/limits.ts';
import type { Subcommand } from '../types.ts';
import { POSTABLE_CHANNEL_TYPES, guildIdOf, missingBotPermissions } from './permissions.ts';

export const setDaily: Subcommand = {
  name: 'set',
  description: 'Post a question every day in a channel at a local time',
  worksInDm: false,
  options: (builder) =>
    builder
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where to post')
          .setRequired(true)
          .addChannelTypes(...POSTABLE_CHANNEL_TYPES),
      )
      .addStringOption((o) => o.setName('time').setDescription('24-hour local time, HH:MM (e.g. 08:30)').setRequired(true).setMinLength(3).setMaxLength(5))
      .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Paris (default UTC)').setAutocomplete(true).setMaxLength(64)),
  execute: (interaction, ctx) => setDailyFor(interaction, ctx),
  async autocomplete(interaction) {
    const zones = searchTimeZones(interaction.options.getFocused(), DISCORD_LIMITS.autocompleteChoices);
    await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
  },
};

async function setDailyFor(interaction: Parameters<Subcommand['execute']>[0], ctx: BotContext): Promise<void> {
  const guildId = guildIdOf(interaction);
  const timeText = interaction.options.getString('time', true);
  const minutes = parseClockTime(timeText);
  if (minutes === undefined) throw new UserError(`"${timeText.slice(0, 20)}" is not a time. Use 24-hour HH:MM, for example 08:30 or 17:00.`);
  const timezone = interaction.options.getString('timezone')?.trim() || 'UTC';
  if (!isValidTimeZone(timezone))
    throw new UserError(`"${timezone.slice(0, 64)}" is not a time zone I know. Pick one from the list, such as Europe/Paris or America/New_York.`);
  const option = interaction.options.getChannel('channel', true);
  const channel = interaction.guild?.channels.cache.get(option.id);
  if (!channel) throw new UserError('I cannot see that channel. Give me the View Channel permission there, then try again.');
  const missing = missingBotPermissions(channel);
  if (missing.length > 0) throw new UserError(`I cannot post in <#${channel.id}>: I am missing **${missing.join('**, **')}** there.`);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const now = ctx.now();
  const saved = await ctx.daily.store.updateConfig(guildId, (config) => {
    const previous = config.channels[channel.id];
    // Keep the day's claim (seen in the new zone), so changing the time or zone never posts twice in a day.
    const claimed = carriedClaim(previous, timezone);
    config.channels[channel.id] = {
      channelId: channel.id,
      minutes,
      timezone,
      configuredBy: interaction.user.id,
      configuredAt: now.getTime(),
      ...(claimed && { lastPostedDate: claimed }),
      ...(previous?.lastPostedAt !== undefined && { lastPostedAt: previous.lastPostedAt }),
      ...(previous?.lastPostId && { lastPostId: previous.lastPostId }),
    };
    return { save: true, result: config.channels[channel.id]! };
  });
  await interaction.editReply(renderDailySet(channel.id, minutes, timezone, nextPost(saved, now)));
}

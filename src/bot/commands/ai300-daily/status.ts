import { MessageFlags } from 'discord.js';
import { nextPost } from '../../../domain/daily/schedule.ts';
import { MIN_ANSWERS_TO_RANK, masteryOf, weakestDomain } from '../../../domain/mastery.ts';
import { NO_DAILY_SCHEDULES, renderDailyStatus, type DailyStatusEntry } from '../../../render/dailyAdmin.ts';
import type { BotContext } from '../../context.ts';
import type { Subcommand } from '../types.ts';
import { guildIdOf } from './permissions.ts';

export const dailyStatus: Subcommand = {
  name: 'status',
  description: 'Every daily channel here: next post time and weakest domain',
  worksInDm: false,
  execute: showStatus,
};

async function showStatus(interaction: Parameters<Subcommand['execute']>[0], ctx: BotContext): Promise<void> {
  const guildId = guildIdOf(interaction);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const config = await ctx.daily.store.getConfig(guildId);
  const schedules = Object.values(config.channels);
  if (schedules.length === 0) {
    await interaction.editReply(NO_DAILY_SCHEDULES);
    return;
  }
  const now = ctx.now();
  const entries = await Promise.all(
    schedules.slice(0, 25).map(async (schedule): Promise<DailyStatusEntry> => {
      const record = await ctx.daily.store.getChannel(guildId, schedule.channelId);
      const answers = Object.values(record.tallies).reduce((sum, t) => sum + (t?.n ?? 0), 0);
      const weakest = weakestDomain(record.tallies, ctx.weights);
      return {
        channelName: interaction.guild?.channels.cache.get(schedule.channelId)?.name ?? schedule.channelId,
        minutes: schedule.minutes,
        timezone: schedule.timezone,
        next: nextPost(schedule, now),
        answers,
        ...(answers >= MIN_ANSWERS_TO_RANK && { weakest: { domain: weakest, mastery: masteryOf(record.tallies[weakest]) } }),
        ...(schedule.lastError && { lastError: schedule.lastError }),
      };
    }),
  );
  await interaction.editReply(renderDailyStatus(ctx.content, entries));
}

import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { formatClockTime, formatLocal, nextPostInstant } from '../../../domain/daily/clock.ts';
import { masteryOf, weakestDomain } from '../../../domain/mastery.ts';
import { COLORS, percent } from '../../../render/style.ts';
import type { BotContext } from '../../context.ts';

export async function dailyStatus(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const config = await ctx.daily.store.getConfig(interaction.guildId);
  const schedules = Object.values(config.channels);
  if (schedules.length === 0) {
    await interaction.editReply('No daily question is set up in this server. Start one with `/ai300-daily set channel:#study time:08:00 timezone:Europe/Paris`.');
    return;
  }
  const now = ctx.now();
  const fields = await Promise.all(
    schedules.slice(0, 25).map(async (schedule) => {
      const record = await ctx.daily.store.getChannel(interaction.guildId, schedule.channelId);
      const next = nextPostInstant(now, schedule.minutes, schedule.timezone, schedule.lastPostedDate);
      const weakest = weakestDomain(record.tallies, ctx.weights);
      const answered = Object.values(record.tallies).reduce((sum, t) => sum + (t?.n ?? 0), 0);
      const lines = [
        `⏰ Every day at ${formatClockTime(schedule.minutes)} ${schedule.timezone} · next: ${formatLocal(next, schedule.timezone)} ${schedule.timezone} (<t:${Math.floor(next.getTime() / 1000)}:R>)`,
        answered > 0
          ? `🎯 Weakest domain: **${ctx.content.domainById.get(weakest)!.name}** (${percent(masteryOf(record.tallies[weakest]))}, ${answered} answers in this channel)`
          : '🎯 No answers yet: questions follow the exam weights until the channel has a record.',
        ...(schedule.lastError ? [`⚠️ Last attempt failed <t:${Math.floor(schedule.lastError.at / 1000)}:R>: ${schedule.lastError.message}. I will try again on the next day.`] : []),
      ];
      return { name: `#${interaction.guild?.channels.cache.get(schedule.channelId)?.name ?? schedule.channelId}`, value: lines.join('\n').slice(0, 1024) };
    }),
  );
  await interaction.editReply({ embeds: [{ title: '☀️ Daily questions in this server', color: COLORS.brand, fields }] });
}

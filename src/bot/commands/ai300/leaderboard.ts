import type { Subcommand } from '../types.ts';
import type { DomainId } from '../../../content/ids.ts';
import { buildLeaderboard } from '../../../domain/leaderboard.ts';
import { PERIODS, periodKey, type Period } from '../../../domain/periods.ts';
import type { DomainTallies } from '../../../domain/mastery.ts';
import { renderLeaderboard } from '../../../render/leaderboard.ts';
import type { MessagePayload } from '../../../render/limits.ts';
import type { BotContext } from '../../context.ts';
import { addDomainOption, addPrivateOption, domainOf, isPrivate } from '../options.ts';
import { replyWith } from '../../respond.ts';

const PERIOD_CHOICES: { name: string; value: Period }[] = [
  { name: 'This week (UTC)', value: 'week' },
  { name: 'This month (UTC)', value: 'month' },
  { name: 'All time', value: 'all' },
];

/** Builds one page of a server's leaderboard from the store's cached summaries. */
export async function leaderboardPage(
  interaction: { guildId: string | null; user: { id: string } },
  ctx: BotContext,
  view: { domain?: DomainId; period: Period; page: number },
): Promise<MessagePayload> {
  const summaries = await ctx.store.guildSummaries(interaction.guildId!);
  // Read each learner's tallies for the period in place: no copies of 10,000 records per page.
  const key = view.period === 'all' ? 'all' : periodKey(view.period, ctx.now());
  const entries: [string, DomainTallies][] = [];
  for (const [userId, summary] of summaries) {
    if (view.period === 'all') entries.push([userId, summary.all]);
    else if (summary[view.period].key === key) entries.push([userId, summary[view.period].tallies]);
  }
  const board = buildLeaderboard(entries, ctx.weights, view.domain);
  return renderLeaderboard(ctx.content, { board, viewerId: interaction.user.id, ...view });
}

export const leaderboard: Subcommand = {
  name: 'leaderboard',
  description: "This server's top learners by readiness or by one domain",
  worksInDm: false,
  options: (builder, content) =>
    addPrivateOption(
      addDomainOption(builder, content, 'Rank by this domain instead of overall readiness').addStringOption((option) =>
        option
          .setName('period')
          .setDescription('Default: all time')
          .addChoices(...PERIOD_CHOICES),
      ),
    ),
  async execute(interaction, ctx) {
    const periodValue = interaction.options.getString('period') ?? 'all';
    const period = (PERIODS as readonly string[]).includes(periodValue) ? (periodValue as Period) : 'all';
    const domain = domainOf(interaction);
    await replyWith(interaction, ctx, () => leaderboardPage(interaction, ctx, { period, page: 0, ...(domain && { domain }) }), {
      ephemeral: isPrivate(interaction),
    });
  },
};

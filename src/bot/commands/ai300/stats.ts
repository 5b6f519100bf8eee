import type { Subcommand } from '../types.ts';
import { dueQuestionIds } from '../../../domain/review.ts';
import { currentStreak } from '../../../domain/streak.ts';
import { readinessSeries } from '../../../domain/exam/readinessHistory.ts';
import type { ExamSummary } from '../../../domain/exam/session.ts';
import { renderStats, renderStatsChartFile, statsChartWanted, withChart, type StatsView } from '../../../render/stats.ts';
import { ChartsBusyError } from '../../../render/charts/index.ts';
import type { MessagePayload } from '../../../render/limits.ts';
import type { LearnerRecord, MasterySummary } from '../../../store/records.ts';
import type { BotContext } from '../../context.ts';
import { guildKey } from '../../study/ids.ts';
import { UserError } from '../../errors.ts';
import { addPrivateOption, isPrivate } from '../options.ts';
import { replyWith } from '../../respond.ts';

/** What `/ai300 stats` shows, from the learner's records. */
export function statsView(userId: string, learner: LearnerRecord, summary: MasterySummary, now: Date, exams: readonly ExamSummary[] = []): StatsView {
  return {
    userId,
    tallies: summary.all,
    quizMisses: learner.tagMisses,
    loggedMisses: learner.loggedMisses,
    missLog: learner.missLog,
    streak: currentStreak(learner.streak, now),
    reviewsDue: dueQuestionIds(learner.review, now).length,
    reviewsScheduled: Object.keys(learner.review).length,
    readiness: readinessSeries(learner.readiness, now),
    exams,
  };
}

/** The stats with their chart; a chart that fails to render is logged and the text goes out alone. */
async function statsWithChart(ctx: BotContext, view: StatsView, now: Date): Promise<MessagePayload> {
  const payload = renderStats(ctx.content, ctx.weights, view);
  if (!statsChartWanted(view)) return payload;
  try {
    return withChart(payload, await renderStatsChartFile(ctx.content, ctx.weights, view, now));
  } catch (error) {
    // Busy: too many charts are waiting; the figures are in the text anyway.
    ctx.logger[error instanceof ChartsBusyError ? 'warn' : 'error']({ err: error, userId: view.userId }, 'stats went out without its chart');
    return payload;
  }
}

export const stats: Subcommand = {
  name: 'stats',
  description: 'Mastery, readiness over 30 days (with a chart), last mock exams, misses, advice, streak, reviews',
  worksInDm: true,
  options: (builder) =>
    addPrivateOption(builder.addUserOption((option) => option.setName('user').setDescription('Someone else in this server (default: you)'))),
  async execute(interaction, ctx) {
    const target = interaction.options.getUser('user') ?? interaction.user;
    if (target.bot) throw new UserError(`${target.username} is a bot and does not study (yet).`);
    const guild = guildKey(interaction);
    await replyWith(
      interaction,
      ctx,
      async () => {
        const now = ctx.now();
        const [learner, summary, exams] = await Promise.all([
          ctx.store.getLearner(guild, target.id),
          ctx.store.getSummary(guild, target.id, now),
          ctx.exams.get(guild, target.id),
        ]);
        return statsWithChart(ctx, statsView(target.id, learner, summary, now, exams.history), now);
      },
      { ephemeral: isPrivate(interaction) },
    );
  },
};

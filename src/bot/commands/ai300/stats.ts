import type { Subcommand } from '../types.ts';
import { dueQuestionIds } from '../../../domain/review.ts';
import { currentStreak } from '../../../domain/streak.ts';
import { renderStats, type StatsView } from '../../../render/stats.ts';
import type { LearnerRecord, MasterySummary } from '../../../store/records.ts';
import { guildKey } from '../../study/ids.ts';
import { UserError } from '../../errors.ts';
import { addPrivateOption, isPrivate } from '../options.ts';
import { replyWith } from '../../respond.ts';

/** What `/ai300 stats` shows, from the learner's two records. */
export function statsView(userId: string, learner: LearnerRecord, summary: MasterySummary, now: Date): StatsView {
  return {
    userId,
    tallies: summary.all,
    quizMisses: learner.tagMisses,
    loggedMisses: learner.loggedMisses,
    missLog: learner.missLog,
    streak: currentStreak(learner.streak, now),
    reviewsDue: dueQuestionIds(learner.review, now).length,
    reviewsScheduled: Object.keys(learner.review).length,
  };
}

export const stats: Subcommand = {
  name: 'stats',
  description: 'Mastery per domain, readiness, misses by tag, advice, streak and reviews due',
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
        const [learner, summary] = await Promise.all([ctx.store.getLearner(guild, target.id), ctx.store.getSummary(guild, target.id, now)]);
        return renderStats(ctx.content, ctx.weights, statsView(target.id, learner, summary, now));
      },
      { ephemeral: isPrivate(interaction) },
    );
  },
};

import type { Subcommand } from '../types.ts';
import { dueQuestionIds } from '../../../domain/review.ts';
import { currentStreak } from '../../../domain/streak.ts';
import { renderStats } from '../../../render/stats.ts';
import { guildKey } from '../../study/ids.ts';
import { UserError } from '../../errors.ts';
import { addPrivateOption, isPrivate } from '../options.ts';
import { replyWith } from '../../respond.ts';

export const stats: Subcommand = {
  name: 'stats',
  description: 'Mastery per domain, readiness, misses by tag, advice, streak and reviews due',
  usage: '/ai300 stats [user]',
  worksInDm: true,
  options: (builder) => addPrivateOption(builder.addUserOption((option) => option.setName('user').setDescription('Someone else in this server (default: you)'))),
  async execute(interaction, ctx) {
    const target = interaction.options.getUser('user') ?? interaction.user;
    if (target.bot) throw new UserError(`${target.username} is a bot and does not study (yet).`);
    const guild = guildKey(interaction);
    await replyWith(interaction, ctx, async () => {
      const now = ctx.now();
      const [learner, summary] = await Promise.all([ctx.store.getLearner(guild, target.id), ctx.store.getSummary(guild, target.id, now)]);
      return renderStats(ctx.content, ctx.weights, {
        userId: target.id,
        tallies: summary.all,
        quizMisses: learner.tagMisses,
        loggedMisses: learner.loggedMisses,
        streak: currentStreak(learner.streak, now),
        reviewsDue: dueQuestionIds(learner.review, now).length,
        reviewsScheduled: Object.keys(learner.review).length,
      });
    }, { ephemeral: isPrivate(interaction) });
  },
};

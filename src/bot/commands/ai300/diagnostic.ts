import type { Subcommand } from '../types.ts';
import { DIAGNOSTIC_LENGTH, drawDiagnostic } from '../../../domain/diagnostic.ts';
import { renderRunStep } from '../../../render/diagnostic.ts';
import { buildCustomId } from '../../../render/customId.ts';
import { freshId, guildKey } from '../../study/ids.ts';
import { replyWith } from '../../respond.ts';

export const diagnostic: Subcommand = {
  name: 'diagnostic',
  description: `A ${DIAGNOSTIC_LENGTH}-question run across all five domains, weighted like the exam`,
  usage: '/ai300 diagnostic',
  worksInDm: true,
  async execute(interaction, ctx) {
    const guild = guildKey(interaction);
    const owner = interaction.user.id;
    await replyWith(interaction, ctx, async () => {
    const now = ctx.now();
    const learner = await ctx.store.getLearner(guild, owner);
    const questions = drawDiagnostic(ctx.content.questions, ctx.weights, learner.recent, ctx.random);
    const runId = freshId(now, ctx.random);
    // Starting a run replaces any unfinished one; its old buttons then say so.
    await ctx.store.saveDiagnostic(guild, owner, { runId, questionIds: questions.map((q) => q.id), answers: [], startedAt: now.getTime() });
    return renderRunStep(ctx.content, undefined, questions[0]!, 1, questions.length, (letter) =>
      buildCustomId({ kind: 'diagnostic', ownerId: owner, runId, position: 0, letter }),
    );
    }, { ephemeral: true });
  },
};

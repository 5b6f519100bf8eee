// Starting a diagnostic run: from `/ai300 diagnostic` or the "Start the diagnostic" button.
import { drawDiagnostic } from '../../domain/diagnostic.ts';
import { buildCustomId } from '../../render/customId.ts';
import { renderRunStep } from '../../render/diagnostic.ts';
import type { MessagePayload } from '../../render/limits.ts';
import type { BotContext } from '../context.ts';
import { freshId, guildKey, type InServer } from './ids.ts';

/** Draws a run weighted like the exam, saves it (replacing any unfinished one) and renders its first question. */
export async function startDiagnosticRun(interaction: InServer, ctx: BotContext, ownerId: string): Promise<MessagePayload> {
  const guild = guildKey(interaction);
  const now = ctx.now();
  const learner = await ctx.store.getLearner(guild, ownerId);
  const questions = drawDiagnostic(ctx.content.questions, ctx.weights, learner.recent, ctx.random);
  const runId = freshId(now, ctx.random);
  // Starting a run replaces any unfinished one; its old buttons then say so.
  await ctx.store.saveDiagnostic(guild, ownerId, { runId, questionIds: questions.map((q) => q.id), answers: [], startedAt: now.getTime() });
  return renderRunStep(ctx.content, undefined, questions[0]!, 1, questions.length, (letter) =>
    buildCustomId({ kind: 'diagnostic', ownerId, runId, position: 0, letter }),
  );
}

import type { ComponentHandler } from './types.ts';
import type { Question } from '../../../content/schema.ts';
import { combineMisses, mostMissedTags } from '../../../domain/advice.ts';
import { scoreDiagnostic } from '../../../domain/diagnostic.ts';
import { renderRunResult, renderRunStep, renderRunVerdict } from '../../../render/diagnostic.ts';
import { buildCustomId, type CustomId } from '../../../render/customId.ts';
import type { BotContext } from '../../context.ts';
import { replyPrivatelyWith, updateWith, type Outcome } from '../../respond.ts';
import { startDiagnosticRun } from '../../study/diagnosticRun.ts';
import { guildKey } from '../../study/ids.ts';
import { refuseStranger } from './owner.ts';

type DiagnosticId = Extract<CustomId, { kind: 'diagnostic' }>;

const ENDED = 'This diagnostic run has ended or was replaced by a newer one. Start again with `/ai300 diagnostic`.';

export const onDiagnosticAnswer: ComponentHandler<'diagnostic'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, 'Start your own with `/ai300 diagnostic`.')) return;
  await updateWith(interaction, ctx, () => answerInRun(guildKey(interaction), id, ctx));
};

/** "Start the diagnostic" under an empty record: a private run for whoever clicked. */
export const onStartDiagnostic: ComponentHandler<'startDiagnostic'> = async (interaction, _id, ctx) => {
  await replyPrivatelyWith(interaction, ctx, () => startDiagnosticRun(interaction, ctx, interaction.user.id));
};

/** Records one answer of a run and returns the next step, or the result after the last one. */
async function answerInRun(guild: string, id: DiagnosticId, ctx: BotContext): Promise<Outcome> {
  const run = (await ctx.store.getLearner(guild, id.ownerId)).diagnostic;
  if (!run || run.runId !== id.runId) return { notice: ENDED };
  const questions = run.questionIds.map((qid) => ctx.content.questionById.get(qid));
  if (questions.some((q) => !q)) return { notice: 'A question in this run was removed from the bank. Please start a new `/ai300 diagnostic`.' };
  const question = questions[id.position] as Question | undefined;
  if (!question) return { notice: ENDED };
  const outcome = await ctx.store.recordAnswer(
    guild,
    id.ownerId,
    {
      questionId: question.id,
      domain: question.domain,
      tags: question.tags,
      correct: id.letter === question.answer,
      letter: id.letter,
      serve: `${id.runId}${id.position}`,
      source: 'diagnostic',
      now: ctx.now(),
    },
    {
      // Checked under the learner's lock: only the current question of the current run counts.
      check: (learner) => (learner.diagnostic?.runId !== id.runId || learner.diagnostic.answers.length !== id.position ? ENDED : undefined),
      afterAnswer: (learner) => {
        const answers = [...learner.diagnostic!.answers, id.letter];
        if (answers.length >= learner.diagnostic!.questionIds.length) {
          const { diagnostic: _finished, ...rest } = learner;
          return rest;
        }
        return { ...learner, diagnostic: { ...learner.diagnostic!, answers } };
      },
    },
  );
  if (outcome.status === 'duplicate') return { notice: `You already answered question ${id.position + 1} (you chose **${outcome.letter}**).` };
  if (outcome.status === 'rejected') return { notice: outcome.reason };
  const all = questions as Question[];
  const verdict = renderRunVerdict(ctx.content, question, id.letter, id.position + 1, all.length);
  const nextPosition = id.position + 1;
  if (nextPosition < all.length) {
    return {
      show: renderRunStep(
        ctx.content,
        verdict,
        all[nextPosition]!,
        nextPosition + 1,
        all.length,
        (letter) => buildCustomId({ kind: 'diagnostic', ownerId: id.ownerId, runId: id.runId, position: nextPosition, letter }),
        question,
      ),
    };
  }
  const answers = [...run.answers.slice(0, id.position), id.letter];
  const scores = scoreDiagnostic(all, answers);
  const missed = combineMisses(...all.filter((q, i) => answers[i] !== q.answer).map((q) => Object.fromEntries(q.tags.map((t) => [t, 1]))));
  const weakestTags = mostMissedTags(missed, 1);
  const adviceTag = weakestTags[0] ?? all[0]!.tags[0]!;
  const misses = all.flatMap((q, i) => (answers[i] !== q.answer ? [{ position: i + 1, miss: { question: q, chosen: answers[i]! } }] : []));
  return { show: renderRunResult(ctx.content, ctx.weights, verdict, scores, adviceTag, misses, question) };
}

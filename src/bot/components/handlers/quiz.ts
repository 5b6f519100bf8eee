import type { ComponentHandler } from './types.ts';
import { questionsForDistinction } from '../../../content/queries.ts';
import { answerPersonalQuestion, buildNextQuestion } from '../../study/serve.ts';
import { UserError } from '../../errors.ts';
import { refuseStranger } from './owner.ts';
import { replyPrivatelyWith, updateWith } from '../../respond.ts';

const START_YOUR_OWN = 'Start your own with `/ai300 quiz`.';

/** "Quiz me on this" under a public distinction: a private question for whoever clicked. */
export const onDistinctionQuiz: ComponentHandler<'distinctionQuiz'> = async (interaction, id, ctx) => {
  const distinction = ctx.content.distinctionById.get(id.distinctionId);
  if (!distinction) throw new UserError('That distinction is no longer in the cheat sheet. Try `/ai300 distinction` for the current list.');
  const tested = questionsForDistinction(ctx.content, distinction.id).length > 0;
  await replyPrivatelyWith(interaction, ctx, () =>
    buildNextQuestion(interaction, ctx, {
      ownerId: interaction.user.id,
      mode: 'distinction',
      filters: tested ? { distinction: distinction.id } : { domain: distinction.domain },
    }),
  );
};

export const onAnswer: ComponentHandler<'answer'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, START_YOUR_OWN)) return;
  const question = ctx.content.questionById.get(id.questionId);
  if (!question)
    throw new UserError('This question has been removed from the bank since it was asked, so the answer was not recorded. Try `/ai300 quiz` for a fresh one.');
  if (!interaction.isButton()) throw new UserError('That control is not an answer button.');
  const filters = { ...(id.domain && { domain: id.domain }), ...(id.tag && { tag: id.tag }) };
  await updateWith(interaction, ctx, async () => {
    const result = await answerPersonalQuestion(interaction, ctx, {
      ownerId: id.ownerId,
      question,
      serve: id.serve,
      letter: id.letter,
      mode: id.mode,
      filters,
    });
    return result.duplicate
      ? { notice: `You already answered this question (you chose **${result.duplicate}**); it was recorded once.` }
      : { show: result.payload! };
  });
};

/** The next question comes as a new private message, so the explanation just read stays on screen. */
export const onNext: ComponentHandler<'next'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, START_YOUR_OWN)) return;
  if (!interaction.isButton()) throw new UserError('That control is not a button.');
  const filters = { ...(id.domain && { domain: id.domain }), ...(id.tag && { tag: id.tag }) };
  await replyPrivatelyWith(interaction, ctx, () => buildNextQuestion(interaction, ctx, { ownerId: id.ownerId, mode: id.mode, filters }));
};

/** "Drill <domain or tag>" under advice anyone may see: a private question for whoever clicked. */
export const onDrill: ComponentHandler<'drill'> = async (interaction, id, ctx) => {
  const filters = { ...(id.domain && { domain: id.domain }), ...(id.tag && { tag: id.tag }) };
  await replyPrivatelyWith(interaction, ctx, () => buildNextQuestion(interaction, ctx, { ownerId: interaction.user.id, mode: 'quiz', filters }));
};

import type { ComponentHandler } from './types.ts';
import { renderQuestionReveal } from '../../../render/question.ts';
import { reportRow } from '../../../render/report.ts';
import { UserError } from '../../errors.ts';
import { replyPrivatelyWith } from '../../respond.ts';

/** A member's answer to a channel's daily post: once each, privately revealed, counted for them and the channel. */
export const onDailyAnswer: ComponentHandler<'daily'> = async (interaction, id, ctx) => {
  if (!interaction.inGuild()) throw new UserError('Daily questions live in server channels.');
  const guildId = interaction.guildId;
  await replyPrivatelyWith(interaction, ctx, async () => {
    const post = await ctx.daily.store.getPost(guildId, id.postId);
    if (!post) throw new UserError('This daily question is no longer on record, so the answer was not counted.');
    const question = ctx.content.questionById.get(post.questionId);
    if (!question) throw new UserError('This daily question has been removed from the bank, so the answer was not counted.');
    if (post.revealed) throw new UserError(`This daily question is closed: the answer was **${question.answer}**. Look out for today's question.`);
    const outcome = await ctx.daily.store.answerPost(guildId, id.postId, interaction.user.id, id.letter);
    if (outcome.status === 'missing') throw new UserError('This daily question is no longer on record, so the answer was not counted.');
    if (outcome.status === 'duplicate') {
      return { content: `You already answered this daily question: you chose **${outcome.letter}**. One answer each.`, embeds: [], components: [] };
    }
    const correct = id.letter === question.answer;
    const now = ctx.now();
    await ctx.store.recordAnswer(guildId, interaction.user.id, {
      questionId: question.id,
      domain: question.domain,
      tags: question.tags,
      correct,
      letter: id.letter,
      serve: `dy${id.postId}`,
      source: 'daily',
      now,
    });
    await ctx.daily.store.recordChannelAnswer(guildId, post.channelId, question.domain, question.tags, correct);
    ctx.daily.liveCounter.bump({ guildId, postId: id.postId });
    const count = Object.keys(outcome.post.answers).length;
    return renderQuestionReveal(ctx.content, question, id.letter, {
      heading: 'Daily question',
      note: `${correct ? 'Counted as correct' : 'Logged as a miss'} in your stats and this channel's record. ${count} answer${count === 1 ? '' : 's'} so far.`,
      components: [reportRow(question.id)],
    });
  });
};

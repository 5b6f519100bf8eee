// Counting a revealed question's answers where every quiz answer counts: each member's stats,
// review queue and misses, and the channel's record that the daily question uses. Each member's
// answer carries a serve id, so settling again after a failure counts nobody twice. (A crash
// between a member's write and the channel's write would leave that answer out of the channel's
// record only.)
import type { BotContext } from '../context.ts';
import type { SessionRecord } from '../../domain/session/round.ts';

/** Members recorded at once: enough to keep the store busy, few enough to leave room for clicks. */
const CONCURRENCY = 16;

export async function settleQuestion(ctx: BotContext, session: SessionRecord, index: number): Promise<void> {
  const result = session.results[index];
  const question = result && ctx.content.questionById.get(result.questionId);
  if (!result || result.settled || !question) return;
  const { answers } = await ctx.sessions.store.getAnswers(session.guildId, session.sessionId, index);
  const entries = Object.entries(answers);
  const outcomes: boolean[] = [];
  let failure: unknown;
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const [userId, answer] = entries[next++]!;
      const correct = answer.letter === question.answer;
      try {
        const outcome = await ctx.store.recordAnswer(session.guildId, userId, {
          questionId: question.id,
          domain: question.domain,
          tags: question.tags,
          correct,
          letter: answer.letter,
          serve: `ss:${session.sessionId}:${index}`,
          source: 'session',
          now: new Date(answer.at),
        });
        // The channel counts a member in the attempt that counted them personally, never again.
        if (outcome.status === 'recorded') outcomes.push(correct);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
  await ctx.daily.store.recordChannelAnswers(session.guildId, session.channelId, question.domain, question.tags, outcomes);
  // Members whose answer could not be saved are counted when the runner tries again.
  if (failure) throw failure;
  await ctx.sessions.store.update(session.guildId, session.channelId, (stored) => {
    if (stored?.sessionId !== session.sessionId || !stored.results[index]) return { result: undefined };
    const results = stored.results.map((r, i) => (i === index ? { ...r, settled: true } : r));
    return { save: { ...stored, results }, result: undefined };
  });
}

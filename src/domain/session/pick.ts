// Choosing a round's questions. With a domain, fresh questions from it; without, each question's
// domain is drawn from the channel's own mastery with the daily question's rule, so a round leans
// toward what the channel gets wrong. Either way, questions the channel saw lately are avoided
// and no question comes twice in a round.
import type { DomainId } from '../../content/ids.ts';
import type { Question } from '../../content/schema.ts';
import type { ChannelRecord } from '../daily/pick.ts';
import type { DomainWeights } from '../mastery.ts';
import { pickDomain, pickFresh } from '../questionChoice.ts';
import type { Random } from '../random.ts';

export function pickSessionQuestions(
  questions: readonly Question[],
  channel: ChannelRecord,
  weights: DomainWeights,
  random: Random,
  count: number,
  domain?: DomainId,
): Question[] {
  const pool = domain ? questions.filter((q) => q.domain === domain) : questions;
  const domains = [...new Set(pool.map((q) => q.domain))];
  const picked: Question[] = [];
  const taken = new Set<string>();
  while (picked.length < count && taken.size < pool.length) {
    const from = domain ?? pickDomain(channel.tallies, weights, random, domains);
    const candidates = pool.filter((q) => q.domain === from && !taken.has(q.id));
    // A domain drawn dry (tiny banks) gives way to the rest of the pool.
    const question = pickFresh(candidates.length > 0 ? candidates : pool.filter((q) => !taken.has(q.id)), channel.recent, channel.tagMisses, random);
    if (!question) break;
    picked.push(question);
    taken.add(question.id);
  }
  return picked;
}

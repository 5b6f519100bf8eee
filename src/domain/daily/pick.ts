// Choosing a channel's daily question: the channel's mastery per domain (same estimator as a
// learner's) drives the domain, weighted by weakness and exam weight; inside the domain, avoid
// what the channel saw lately and favour the tags it misses.
import type { MissTag } from '../../content/ids.ts';
import type { Question } from '../../content/schema.ts';
import type { DomainTallies, DomainWeights } from '../mastery.ts';
import { pickDomain, pickFresh } from '../questionChoice.ts';
import type { Random } from '../random.ts';

export interface ChannelRecord {
  tallies: DomainTallies;
  tagMisses: Partial<Record<MissTag, number>>;
  /** Question ids posted lately, most recent last. */
  recent: string[];
}

export function pickDailyQuestion(questions: readonly Question[], channel: ChannelRecord, weights: DomainWeights, random: Random): Question | undefined {
  const domains = [...new Set(questions.map((q) => q.domain))];
  const domain = pickDomain(channel.tallies, weights, random, domains);
  return pickFresh(
    questions.filter((q) => q.domain === domain),
    channel.recent,
    channel.tagMisses,
    random,
  );
}

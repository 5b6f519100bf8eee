// Which question comes next. The same rule serves a learner's quiz and a channel's daily post:
// pick a domain with probability rising with weakness and with exam weight, then, inside it,
// a question not seen recently, favouring the miss tags missed most.
import { DOMAIN_IDS, type DomainId, type MissTag } from '../content/ids.ts';
import type { Question } from '../content/schema.ts';
import { masteryOf, type DomainTallies, type DomainWeights } from './mastery.ts';
import { weightedPick, type Random } from './random.ts';

/** Keeps every domain in play: even a mastered domain keeps this much of its weakness weight. */
export const WEAKNESS_FLOOR = 0.15;

/** Weight of a domain when choosing what to ask: exam share x (weakness + floor), squared weakness
 * so that a clearly weak domain stands out. */
export function domainPickWeight(domain: DomainId, tallies: DomainTallies, weights: DomainWeights): number {
  const weakness = 1 - masteryOf(tallies[domain]);
  return weights[domain] * (weakness * weakness + WEAKNESS_FLOOR);
}

export function pickDomain(tallies: DomainTallies, weights: DomainWeights, random: Random, allowed: readonly DomainId[] = DOMAIN_IDS): DomainId {
  return weightedPick(allowed, (d) => domainPickWeight(d, tallies, weights), random) ?? allowed[0]!;
}

export interface QuestionFilters {
  domain?: DomainId;
  tag?: MissTag;
  distinction?: string;
}

export interface ChoiceInput {
  questions: readonly Question[];
  filters: QuestionFilters;
  tallies: DomainTallies;
  weights: DomainWeights;
  /** Question ids served lately, most recent last. */
  recent: readonly string[];
  tagMisses: Partial<Record<MissTag, number>>;
  random: Random;
}

export function matchesFilters(question: Question, filters: QuestionFilters): boolean {
  return (
    (!filters.domain || question.domain === filters.domain) &&
    (!filters.tag || question.tags.includes(filters.tag)) &&
    (!filters.distinction || question.distinction === filters.distinction)
  );
}

export function chooseQuestion(input: ChoiceInput): Question | undefined {
  const pool = input.questions.filter((q) => matchesFilters(q, input.filters));
  if (pool.length === 0) return undefined;
  let candidates = pool;
  if (!input.filters.domain && !input.filters.distinction) {
    const domains = DOMAIN_IDS.filter((d) => pool.some((q) => q.domain === d));
    const domain = pickDomain(input.tallies, input.weights, input.random, domains);
    candidates = pool.filter((q) => q.domain === domain);
  }
  return pickFresh(candidates, input.recent, input.tagMisses, input.random);
}

/** Inside a pool: avoid what was served lately; when everything was, take the least recent. */
export function pickFresh(
  pool: readonly Question[],
  recent: readonly string[],
  tagMisses: Partial<Record<MissTag, number>>,
  random: Random,
): Question | undefined {
  const lastSeen = new Map(recent.map((id, index) => [id, index]));
  const unseen = pool.filter((q) => !lastSeen.has(q.id));
  if (unseen.length === 0) {
    return [...pool].sort((a, b) => lastSeen.get(a.id)! - lastSeen.get(b.id)!)[0];
  }
  const mostMissed = Math.max(1, ...Object.values(tagMisses).map((n) => n ?? 0));
  return weightedPick(unseen, (q) => 1 + Math.max(...q.tags.map((t) => (tagMisses[t] ?? 0) / mostMissed)), random);
}

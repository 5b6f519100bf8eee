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

/** Questions grouped by domain in bank order, built once per question list (a quiz asks on every click). */
const byDomainOfBank = new WeakMap<readonly Question[], Map<DomainId, Question[]>>();

function groupByDomain(questions: readonly Question[]): Map<DomainId, Question[]> {
  const groups = new Map<DomainId, Question[]>();
  for (const question of questions) {
    const group = groups.get(question.domain);
    if (group) group.push(question);
    else groups.set(question.domain, [question]);
  }
  return groups;
}

function bankByDomain(questions: readonly Question[]): Map<DomainId, Question[]> {
  let groups = byDomainOfBank.get(questions);
  if (!groups) {
    groups = groupByDomain(questions);
    byDomainOfBank.set(questions, groups);
  }
  return groups;
}

export function chooseQuestion(input: ChoiceInput): Question | undefined {
  const { filters } = input;
  const filtered = Boolean(filters.domain || filters.tag || filters.distinction);
  const pool = filtered ? input.questions.filter((q) => matchesFilters(q, filters)) : input.questions;
  if (pool.length === 0) return undefined;
  let candidates = pool;
  if (!filters.domain && !filters.distinction) {
    const byDomain = filtered ? groupByDomain(pool) : bankByDomain(input.questions);
    const domains = DOMAIN_IDS.filter((d) => byDomain.has(d));
    const domain = pickDomain(input.tallies, input.weights, input.random, domains);
    candidates = byDomain.get(domain) ?? pool;
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
  const lastSeen = new Map<string, number>();
  for (const [index, id] of recent.entries()) lastSeen.set(id, index);
  const unseen = pool.filter((q) => !lastSeen.has(q.id));
  if (unseen.length === 0) {
    return [...pool].sort((a, b) => lastSeen.get(a.id)! - lastSeen.get(b.id)!)[0];
  }
  let mostMissed = 1;
  for (const count of Object.values(tagMisses)) mostMissed = Math.max(mostMissed, count ?? 0);
  const weightOf = (q: Question) => {
    let worst = 0;
    for (const tag of q.tags) worst = Math.max(worst, (tagMisses[tag] ?? 0) / mostMissed);
    return 1 + worst;
  };
  return weightedPick(unseen, weightOf, random);
}

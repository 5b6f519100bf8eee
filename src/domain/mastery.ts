// Mastery is an estimate, not a raw ratio. Per domain we keep recency-weighted counts: every new
// answer in a domain multiplies the weight of that domain's earlier answers by RECENCY, and the
// estimate is shrunk toward PRIOR_MEAN by PRIOR_STRENGTH imaginary answers:
//   mastery = (weightedCorrect + PRIOR_STRENGTH * PRIOR_MEAN) / (weightedTotal + PRIOR_STRENGTH)
// So 1 of 1 is 60%, not 100%, and what you answered lately counts more than last month's.
import { DOMAIN_IDS, type DomainId } from '../content/ids.ts';

export const RECENCY = 0.93;
export const PRIOR_MEAN = 0.5;
export const PRIOR_STRENGTH = 4;
/** Fewer answers than this and a learner is listed apart on the leaderboard, not ranked. */
export const MIN_ANSWERS_TO_RANK = 5;

export interface DomainTally {
  /** Recency-weighted correct answers. */
  wc: number;
  /** Recency-weighted answers. */
  wn: number;
  /** Raw answers, for display and for the "too few to judge" rule. */
  n: number;
  /** Raw correct answers. */
  c: number;
}

export type DomainTallies = Partial<Record<DomainId, DomainTally>>;

export const EMPTY_TALLY: DomainTally = Object.freeze({ wc: 0, wn: 0, n: 0, c: 0 });

export function addAnswer(tally: DomainTally = EMPTY_TALLY, correct: boolean): DomainTally {
  return {
    wc: tally.wc * RECENCY + (correct ? 1 : 0),
    wn: tally.wn * RECENCY + 1,
    n: tally.n + 1,
    c: tally.c + (correct ? 1 : 0),
  };
}

export function masteryOf(tally: DomainTally = EMPTY_TALLY): number {
  return (tally.wc + PRIOR_STRENGTH * PRIOR_MEAN) / (tally.wn + PRIOR_STRENGTH);
}

export type DomainWeights = Record<DomainId, number>;

/** Exam weights as shares that sum to 1, from the midpoints of the published ranges. */
export function examWeights(domains: readonly { id: DomainId; weight: { min: number; max: number } }[]): DomainWeights {
  const mid = Object.fromEntries(domains.map((d) => [d.id, (d.weight.min + d.weight.max) / 2])) as DomainWeights;
  const total = DOMAIN_IDS.reduce((sum, id) => sum + (mid[id] ?? 0), 0);
  return Object.fromEntries(DOMAIN_IDS.map((id) => [id, (mid[id] ?? 0) / total])) as DomainWeights;
}

/** Overall readiness: each domain's mastery weighted by its share of the exam. */
export function readiness(tallies: DomainTallies, weights: DomainWeights): number {
  return DOMAIN_IDS.reduce((sum, id) => sum + weights[id] * masteryOf(tallies[id]), 0);
}

export function totalAnswers(tallies: DomainTallies): number {
  return DOMAIN_IDS.reduce((sum, id) => sum + (tallies[id]?.n ?? 0), 0);
}

export function weakestDomain(tallies: DomainTallies, weights: DomainWeights): DomainId {
  // Ties go to the heavier domain: it is worth more points.
  return [...DOMAIN_IDS].sort((a, b) => masteryOf(tallies[a]) - masteryOf(tallies[b]) || weights[b] - weights[a])[0]!;
}

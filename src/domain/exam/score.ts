// Scoring a mock exam: right answers per domain, and an estimate on the exam's 1-1000 scale.
//
// Microsoft reports a scaled score from 1 to 1000 with 700 to pass; the scale is not a percentage,
// and the raw cut behind 700 depends on the difficulty of each exam form. So this is an estimate:
//   1. each domain's share right is weighted by the domain's share of the exam (midpoints of the
//      published ranges), so a domain counts for its weight, not for how many questions it drew;
//   2. that weighted share is mapped piecewise-linearly with an assumed cut of 70%:
//      0% -> 1, 70% -> 700, 100% -> 1000.
// Unanswered questions count as wrong, as on the real exam.
import { DOMAIN_IDS, type ChoiceLetter, type DomainId } from '../../content/ids.ts';
import type { Question } from '../../content/schema.ts';
import type { DomainWeights } from '../mastery.ts';

export const PASS_SCORE = 700;
export const MAX_SCORE = 1000;
export const MIN_SCORE = 1;
/** The weighted share right assumed to sit at the pass line. */
export const ASSUMED_CUT = 0.7;

export interface DomainResult {
  domain: DomainId;
  correct: number;
  asked: number;
}

export interface ExamScore {
  correct: number;
  asked: number;
  answered: number;
  /** Share right, each domain weighted by its exam weight (0-1). */
  weightedShare: number;
  /** Estimated scaled score, 1-1000. */
  score: number;
  passed: boolean;
  domains: DomainResult[];
}

/** Maps a weighted share right (0-1) to the estimated 1-1000 scale. */
export function scaledScore(share: number): number {
  const p = Math.max(0, Math.min(1, share));
  const raw =
    p < ASSUMED_CUT
      ? MIN_SCORE + ((PASS_SCORE - MIN_SCORE) * p) / ASSUMED_CUT
      : PASS_SCORE + ((MAX_SCORE - PASS_SCORE) * (p - ASSUMED_CUT)) / (1 - ASSUMED_CUT);
  return Math.round(raw);
}

export function scoreExam(questions: readonly Question[], answers: readonly (ChoiceLetter | null | undefined)[], weights: DomainWeights): ExamScore {
  const domains: DomainResult[] = DOMAIN_IDS.map((domain) => ({ domain, correct: 0, asked: 0 }));
  let answered = 0;
  questions.forEach((question, i) => {
    const result = domains.find((d) => d.domain === question.domain)!;
    result.asked++;
    if (answers[i]) answered++;
    if (answers[i] === question.answer) result.correct++;
  });
  // Domains the exam did not draw (a very short exam) drop out and the others are renormalised.
  const present = domains.filter((d) => d.asked > 0);
  const weightTotal = present.reduce((sum, d) => sum + weights[d.domain], 0);
  const weightedShare = weightTotal === 0 ? 0 : present.reduce((sum, d) => sum + (weights[d.domain] * d.correct) / d.asked, 0) / weightTotal;
  const score = scaledScore(weightedShare);
  const correct = domains.reduce((sum, d) => sum + d.correct, 0);
  return { correct, asked: questions.length, answered, weightedShare, score, passed: score >= PASS_SCORE, domains };
}

import { describe, expect, it } from 'vitest';
import { DOMAIN_IDS } from '../../src/content/ids.ts';
import {
  EMPTY_TALLY,
  PRIOR_MEAN,
  PRIOR_STRENGTH,
  RECENCY,
  addAnswer,
  examWeights,
  masteryOf,
  readiness,
  weakestDomain,
  type DomainTallies,
  type DomainTally,
} from '../../src/domain/mastery.ts';
import { PUBLISHED_RANGES, WEIGHTS, realDomains } from './inlineContent.ts';

const answers = (...correct: boolean[]): DomainTally => correct.reduce<DomainTally>((t, c) => addAnswer(t, c), EMPTY_TALLY);
const repeat = (n: number, correct: boolean) => Array.from({ length: n }, () => correct);

describe('mastery estimate', () => {
  it('is the prior mean with no answers', () => {
    expect(masteryOf()).toBe(PRIOR_MEAN);
    expect(masteryOf(EMPTY_TALLY)).toBe(PRIOR_MEAN);
  });

  it('shrinks one right answer to 0.6, not 1', () => {
    // (1 + 4 * 0.5) / (1 + 4)
    expect(masteryOf(answers(true))).toBeCloseTo(0.6, 12);
    expect(masteryOf(answers(false))).toBeCloseTo(0.4, 12);
  });

  it('climbs with every right answer but stays below 1 after 20 of 20', () => {
    let previous = masteryOf();
    for (let n = 1; n <= 20; n++) {
      const value = masteryOf(answers(...repeat(n, true)));
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
    expect(previous).toBeLessThan(1);
    expect(previous).toBeGreaterThan(0.85);
  });

  it('counts raw answers apart from the weighted ones', () => {
    const tally = answers(true, false, true);
    expect(tally.n).toBe(3);
    expect(tally.c).toBe(2);
  });

  it('weighs recent answers more: wrong-then-right beats right-then-wrong', () => {
    const recentRight = masteryOf(answers(false, true));
    const recentWrong = masteryOf(answers(true, false));
    // Earlier answer is scaled by RECENCY: wc = 1 (or RECENCY), wn = RECENCY + 1.
    const wn = RECENCY + 1;
    expect(recentRight).toBeCloseTo((1 + PRIOR_STRENGTH * PRIOR_MEAN) / (wn + PRIOR_STRENGTH), 12);
    expect(recentWrong).toBeCloseTo((RECENCY + PRIOR_STRENGTH * PRIOR_MEAN) / (wn + PRIOR_STRENGTH), 12);
    expect(recentRight).toBeCloseTo(3 / 5.93, 12);
    expect(recentRight).toBeGreaterThan(recentWrong);
  });

  it('ranks ten wrong then ten right above ten right then ten wrong', () => {
    const late = masteryOf(answers(...repeat(10, false), ...repeat(10, true)));
    const early = masteryOf(answers(...repeat(10, true), ...repeat(10, false)));
    expect(late).toBeGreaterThan(0.5);
    expect(early).toBeLessThan(0.5);
  });
});

describe('exam weights', () => {
  it('are the range midpoints as shares of their total', () => {
    const total = 17.5 + 27.5 + 22.5 + 12.5 + 12.5;
    expect(WEIGHTS.lifecycle).toBeCloseTo(27.5 / total, 12);
    expect(WEIGHTS.quality).toBeCloseTo(12.5 / total, 12);
  });

  it('sum to 1 and order lifecycle > genaiops > infra > quality = optimization in domains.yaml', () => {
    const weights = examWeights(realDomains());
    expect(DOMAIN_IDS.reduce((sum, id) => sum + weights[id], 0)).toBeCloseTo(1, 12);
    expect(weights.lifecycle).toBeGreaterThan(weights.genaiops);
    expect(weights.genaiops).toBeGreaterThan(weights.infra);
    expect(weights.infra).toBeGreaterThan(weights.quality);
    expect(weights.quality).toBe(weights.optimization);
    expect(weights).toEqual(examWeights(PUBLISHED_RANGES));
  });
});

describe('readiness and weakest domain', () => {
  it('is the prior mean with no answers and the weighted mastery otherwise', () => {
    expect(readiness({}, WEIGHTS)).toBeCloseTo(PRIOR_MEAN, 12);
    const tallies: DomainTallies = { lifecycle: answers(true) };
    // lifecycle moves from 0.5 to 0.6; the rest stay at 0.5.
    expect(readiness(tallies, WEIGHTS)).toBeCloseTo(0.5 + 0.1 * WEIGHTS.lifecycle, 12);
  });

  it('picks the domain with the lowest mastery', () => {
    const tallies: DomainTallies = { infra: answers(true, true), quality: answers(false, false), lifecycle: answers(false) };
    expect(weakestDomain(tallies, WEIGHTS)).toBe('quality');
  });

  it('breaks a tie in favour of the heavier domain', () => {
    expect(weakestDomain({}, WEIGHTS)).toBe('lifecycle');
    const tied: DomainTallies = { infra: answers(false), genaiops: answers(false), quality: answers(false) };
    expect(weakestDomain(tied, WEIGHTS)).toBe('genaiops');
  });
});

import { describe, expect, it } from 'vitest';
import { DOMAIN_IDS, type DomainId, type MissTag } from '../../src/content/ids.ts';
import type { Question } from '../../src/content/schema.ts';
import { EMPTY_TALLY, addAnswer, type DomainTallies, type DomainTally } from '../../src/domain/mastery.ts';
import { chooseQuestion, pickDomain, pickFresh, type ChoiceInput } from '../../src/domain/questionChoice.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { WEIGHTS, question } from './inlineContent.ts';

const streak = (n: number, correct: boolean): DomainTally => Array.from({ length: n }).reduce<DomainTally>((t) => addAnswer(t, correct), EMPTY_TALLY);

function counts<T>(n: number, draw: () => T): Map<T, number> {
  const seen = new Map<T, number>();
  for (let i = 0; i < n; i++) {
    const value = draw();
    seen.set(value, (seen.get(value) ?? 0) + 1);
  }
  return seen;
}

const bank: Question[] = [
  question('infra-001', 'infra', ['infrastructure']),
  question('infra-002', 'infra', ['infrastructure', 'observability'], { distinction: 'metrics-vs-tracing' }),
  question('lifecycle-001', 'lifecycle', ['lifecycle']),
  question('lifecycle-002', 'lifecycle', ['lifecycle', 'observability']),
  question('genaiops-001', 'genaiops', ['genaiops'], { distinction: 'mlops-vs-genaiops' }),
  question('quality-001', 'quality', ['quality', 'observability'], { distinction: 'metrics-vs-tracing' }),
  question('optimization-001', 'optimization', ['optimization']),
];

function input(over: Partial<ChoiceInput>): ChoiceInput {
  return { questions: bank, filters: {}, tallies: {}, weights: WEIGHTS, recent: [], tagMisses: {}, random: seededRandom(7), ...over };
}

describe('pickDomain', () => {
  it('favours a weak domain well beyond its exam share, yet keeps every domain in play', () => {
    const tallies: DomainTallies = Object.fromEntries(DOMAIN_IDS.map((d) => [d, streak(20, d !== 'quality')]));
    const random = seededRandom(11);
    const seen = counts(2000, () => pickDomain(tallies, WEIGHTS, random));
    // quality is 12.5/92.5 = 13.5% of the exam; weak, it should come up at least twice as often.
    expect(seen.get('quality')!).toBeGreaterThan(2 * WEIGHTS.quality * 2000);
    for (const d of DOMAIN_IDS) expect(seen.get(d) ?? 0).toBeGreaterThan(50);
  });

  it('follows the exam weights when nothing is known', () => {
    const random = seededRandom(3);
    const seen = counts(4000, () => pickDomain({}, WEIGHTS, random));
    for (const d of DOMAIN_IDS) expect(Math.abs(seen.get(d)! / 4000 - WEIGHTS[d])).toBeLessThan(0.03);
  });

  it('only returns allowed domains', () => {
    const random = seededRandom(5);
    const allowed: DomainId[] = ['quality', 'infra'];
    const seen = counts(500, () => pickDomain({}, WEIGHTS, random, allowed));
    expect([...seen.keys()].sort()).toEqual(['infra', 'quality']);
  });
});

describe('chooseQuestion filters', () => {
  const served = (over: Partial<ChoiceInput>, n = 300) => {
    const random = seededRandom(19);
    return new Set(Array.from({ length: n }, () => chooseQuestion(input({ ...over, random }))?.id));
  };

  it('respects a domain filter exactly', () => {
    expect([...served({ filters: { domain: 'lifecycle' } })].sort()).toEqual(['lifecycle-001', 'lifecycle-002']);
  });

  it('respects a tag filter exactly, across domains', () => {
    expect([...served({ filters: { tag: 'observability' } })].sort()).toEqual(['infra-002', 'lifecycle-002', 'quality-001']);
  });

  it('respects a distinction filter exactly', () => {
    expect([...served({ filters: { distinction: 'metrics-vs-tracing' } })].sort()).toEqual(['infra-002', 'quality-001']);
  });

  it('combines filters', () => {
    expect([...served({ filters: { domain: 'infra', tag: 'observability' } })]).toEqual(['infra-002']);
  });

  it('returns undefined when nothing matches', () => {
    expect(chooseQuestion(input({ filters: { domain: 'genaiops', tag: 'quality' } }))).toBeUndefined();
    expect(chooseQuestion(input({ filters: { distinction: 'no-such-distinction' } }))).toBeUndefined();
    expect(chooseQuestion(input({ questions: [] }))).toBeUndefined();
  });
});

describe('pickFresh', () => {
  const pool = [
    question('infra-001', 'infra', ['infrastructure']),
    question('infra-002', 'infra', ['observability']),
    question('infra-003', 'infra', ['quality']),
  ];

  it('avoids recently served questions while any other is left', () => {
    for (let seed = 0; seed < 50; seed++) {
      expect(pickFresh(pool, ['infra-003', 'infra-001'], {}, seededRandom(seed))?.id).toBe('infra-002');
    }
  });

  it('returns the least recently served when all were served', () => {
    // Most recent last: infra-002 was served longest ago.
    expect(pickFresh(pool, ['infra-002', 'infra-003', 'infra-001'], {}, seededRandom(1))?.id).toBe('infra-002');
    expect(pickFresh(pool, ['other-001', 'infra-001', 'infra-002', 'infra-003'], {}, seededRandom(1))?.id).toBe('infra-001');
  });

  it('returns undefined for an empty pool', () => {
    expect(pickFresh([], [], {}, seededRandom(1))).toBeUndefined();
  });

  it('tilts toward questions carrying the most-missed tag', () => {
    const two = pool.slice(0, 2);
    const share = (misses: Partial<Record<MissTag, number>>) => {
      const random = seededRandom(23);
      return counts(3000, () => pickFresh(two, [], misses, random)!.id).get('infra-002')! / 3000;
    };
    // observability is the most-missed tag: weight 2 against 1, so about two thirds.
    expect(share({ observability: 6 })).toBeGreaterThan(0.6);
    expect(share({ observability: 6 })).toBeLessThan(0.73);
    expect(Math.abs(share({}) - 0.5)).toBeLessThan(0.04);
  });
});

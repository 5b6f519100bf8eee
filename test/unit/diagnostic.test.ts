import { describe, expect, it } from 'vitest';
import { DOMAIN_IDS, type ChoiceLetter } from '../../src/content/ids.ts';
import { DIAGNOSTIC_LENGTH, allocateByWeight, drawDiagnostic, scoreDiagnostic, weakestInRun } from '../../src/domain/diagnostic.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { WEIGHTS, question } from './inlineContent.ts';

const bank = DOMAIN_IDS.flatMap((domain) => Array.from({ length: 6 }, (_, i) => question(`${domain}-00${i + 1}`, domain, ['quality'])));

describe('allocateByWeight', () => {
  it('adds up to the total and stays within one of each exact share, for totals 1 to 20', () => {
    for (let total = 1; total <= 20; total++) {
      const counts = allocateByWeight(WEIGHTS, total);
      expect(DOMAIN_IDS.reduce((sum, d) => sum + counts[d], 0)).toBe(total);
      for (const d of DOMAIN_IDS) expect(Math.abs(counts[d] - WEIGHTS[d] * total)).toBeLessThan(1);
    }
  });

  it('never gives a heavier domain fewer questions than a lighter one', () => {
    for (let total = 1; total <= 20; total++) {
      const c = allocateByWeight(WEIGHTS, total);
      expect(c.lifecycle).toBeGreaterThanOrEqual(c.genaiops);
      expect(c.genaiops).toBeGreaterThanOrEqual(c.infra);
      expect(c.infra).toBeGreaterThanOrEqual(c.quality);
    }
  });

  it('splits a ten-question run 3/3/2/1/1 by largest remainder', () => {
    // Shares: lifecycle 2.97, genaiops 2.43, infra 1.89, quality 1.35, optimization 1.35.
    expect(allocateByWeight(WEIGHTS, 10)).toEqual({ lifecycle: 3, genaiops: 3, infra: 2, quality: 1, optimization: 1 });
    expect(allocateByWeight(WEIGHTS, 1)).toEqual({ lifecycle: 1, genaiops: 0, infra: 0, quality: 0, optimization: 0 });
  });
});

describe('drawDiagnostic', () => {
  it('draws ten distinct questions with the allocated count per domain', () => {
    const expected = allocateByWeight(WEIGHTS, DIAGNOSTIC_LENGTH);
    for (let seed = 1; seed <= 20; seed++) {
      const run = drawDiagnostic(bank, WEIGHTS, [], seededRandom(seed));
      expect(run).toHaveLength(DIAGNOSTIC_LENGTH);
      expect(new Set(run.map((q) => q.id)).size).toBe(DIAGNOSTIC_LENGTH);
      for (const d of DOMAIN_IDS) expect(run.filter((q) => q.domain === d).length).toBe(expected[d]);
    }
  });

  it('prefers questions not served recently', () => {
    const recent = ['quality-001', 'quality-002', 'quality-003', 'quality-004', 'quality-005'];
    for (let seed = 1; seed <= 10; seed++) {
      const run = drawDiagnostic(bank, WEIGHTS, recent, seededRandom(seed));
      expect(run.filter((q) => q.domain === 'quality').map((q) => q.id)).toEqual(['quality-006']);
    }
  });

  it('mixes domains instead of asking them in order', () => {
    const orders = new Set(
      Array.from({ length: 5 }, (_, s) =>
        drawDiagnostic(bank, WEIGHTS, [], seededRandom(s + 100))
          .map((q) => q.domain)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('scoring a run', () => {
  const run = [
    question('infra-001', 'infra', ['quality']),
    question('quality-001', 'quality', ['quality']),
    question('quality-002', 'quality', ['quality'], { answer: 'B' }),
  ];

  it('scores per domain and skips unanswered questions', () => {
    const answers: ChoiceLetter[] = ['A', 'A'];
    expect(scoreDiagnostic(run, answers)).toEqual([
      { domain: 'infra', correct: 1, asked: 1 },
      { domain: 'lifecycle', correct: 0, asked: 0 },
      { domain: 'genaiops', correct: 0, asked: 0 },
      { domain: 'quality', correct: 1, asked: 1 },
      { domain: 'optimization', correct: 0, asked: 0 },
    ]);
    expect(scoreDiagnostic(run, ['B', 'A', 'C']).find((s) => s.domain === 'quality')).toEqual({ domain: 'quality', correct: 1, asked: 2 });
  });

  it('names the weakest domain of a run, unasked domains counting as strong', () => {
    expect(weakestInRun(scoreDiagnostic(run, ['A', 'C', 'C']), WEIGHTS)).toBe('quality');
    expect(weakestInRun(scoreDiagnostic(run, ['D', 'C', 'C']), WEIGHTS)).toBe('infra'); // both 0%: infra is heavier
    expect(weakestInRun(scoreDiagnostic(run, ['A', 'A', 'B']), WEIGHTS)).toBe('lifecycle'); // all 100%: heaviest
  });
});

import { describe, expect, it } from 'vitest';
import { DOMAIN_IDS, type ChoiceLetter } from '../../src/content/ids.ts';
import { allocateByWeight } from '../../src/domain/diagnostic.ts';
import { EXAM_LENGTHS, drawExam, examDurationMs } from '../../src/domain/exam/draw.ts';
import { noteReadiness, readinessSeries, READINESS_DAYS_KEPT, type ReadinessPoint } from '../../src/domain/exam/readinessHistory.ts';
import { PASS_SCORE, scaledScore, scoreExam } from '../../src/domain/exam/score.ts';
import { closingFor, resumePosition, withAnswer, withFlagToggled, type OpenExam } from '../../src/domain/exam/session.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { WEIGHTS, question } from './inlineContent.ts';

const bank = DOMAIN_IDS.flatMap((domain) => Array.from({ length: 30 }, (_, i) => question(`${domain}-${String(i + 1).padStart(3, '0')}`, domain, ['quality'])));
const wrong = (letter: ChoiceLetter): ChoiceLetter => (letter === 'A' ? 'B' : 'A');

describe('drawExam', () => {
  it('draws each length with the per-domain counts of the exam weights, no question twice', () => {
    for (const length of EXAM_LENGTHS) {
      const counts = allocateByWeight(WEIGHTS, length);
      for (let seed = 1; seed <= 10; seed++) {
        const exam = drawExam(bank, WEIGHTS, new Set(), seededRandom(seed), length);
        expect(exam).toHaveLength(length);
        expect(new Set(exam.map((q) => q.id)).size).toBe(length);
        for (const domain of DOMAIN_IDS) expect(exam.filter((q) => q.domain === domain)).toHaveLength(counts[domain]);
      }
    }
  });

  it('follows the weights: 50 questions split 9/15/12/7/7 by the normalised midpoints 17.5/27.5/22.5/12.5/12.5 of 92.5', () => {
    expect(allocateByWeight(WEIGHTS, 50)).toEqual({ infra: 9, lifecycle: 15, genaiops: 12, quality: 7, optimization: 7 });
    expect(allocateByWeight(WEIGHTS, 20)).toEqual({ infra: 4, lifecycle: 6, genaiops: 5, quality: 3, optimization: 2 });
  });

  it('avoids questions of recent exams while a domain has others, and reuses them only when it runs out', () => {
    const seen = new Set(bank.filter((q) => !q.id.endsWith('001') && !q.id.endsWith('002')).map((q) => q.id));
    const exam = drawExam(bank, WEIGHTS, seen, seededRandom(3), 20);
    const counts = allocateByWeight(WEIGHTS, 20);
    for (const domain of DOMAIN_IDS) {
      const fresh = exam.filter((q) => q.domain === domain && !seen.has(q.id));
      // Two fresh questions per domain: all of them are used before any seen one.
      expect(fresh).toHaveLength(Math.min(2, counts[domain]));
    }
    expect(drawExam(bank, WEIGHTS, new Set(), seededRandom(3), 20).some((q) => seen.has(q.id))).toBe(true);
  });

  it('gives two minutes per question', () => {
    expect(examDurationMs(50)).toBe(100 * 60_000);
    expect(examDurationMs(20)).toBe(40 * 60_000);
  });
});

describe('score estimate', () => {
  it('maps the weighted share to the 1-1000 scale with 70% at the 700 pass line', () => {
    expect(scaledScore(0)).toBe(1);
    expect(scaledScore(0.35)).toBe(351);
    expect(scaledScore(0.7)).toBe(PASS_SCORE);
    expect(scaledScore(0.85)).toBe(850);
    expect(scaledScore(1)).toBe(1000);
    expect(scaledScore(0.69)).toBeLessThan(PASS_SCORE);
  });

  it('weights each domain by its exam share, not by how many questions it drew', () => {
    const exam = [...bank.filter((q) => q.domain === 'lifecycle').slice(0, 4), bank.find((q) => q.domain === 'quality')!];
    // All lifecycle right, the one quality question wrong: 4/5 raw, but by weight 27.5 / (27.5 + 12.5).
    const score = scoreExam(exam, [...exam.slice(0, 4).map((q) => q.answer), wrong(exam[4]!.answer)], WEIGHTS);
    expect(score.correct).toBe(4);
    expect(score.weightedShare).toBeCloseTo(27.5 / 40, 6);
    expect(score.score).toBe(scaledScore(27.5 / 40));
    expect(score.passed).toBe(false);
    expect(score.domains.find((d) => d.domain === 'lifecycle')).toEqual({ domain: 'lifecycle', correct: 4, asked: 4 });
    expect(score.domains.find((d) => d.domain === 'infra')).toEqual({ domain: 'infra', correct: 0, asked: 0 });
  });

  it('counts unanswered questions as wrong', () => {
    const exam = drawExam(bank, WEIGHTS, new Set(), seededRandom(1), 20);
    const allRight = scoreExam(
      exam,
      exam.map((q) => q.answer),
      WEIGHTS,
    );
    expect(allRight).toMatchObject({ correct: 20, answered: 20, score: 1000, passed: true });
    const blank = scoreExam(
      exam,
      exam.map(() => null),
      WEIGHTS,
    );
    expect(blank).toMatchObject({ correct: 0, answered: 0, score: 1, passed: false });
  });
});

describe('readiness history', () => {
  const at = (iso: string) => new Date(iso);

  it('keeps one point per UTC day, the last value of the day', () => {
    let history = noteReadiness(undefined, at('2026-11-01T08:00:00Z'), 0.5);
    history = noteReadiness(history, at('2026-11-01T23:59:00Z'), 0.55);
    history = noteReadiness(history, at('2026-11-02T00:01:00Z'), 0.6);
    expect(history).toEqual([
      { day: '2026-11-01', value: 0.55 },
      { day: '2026-11-02', value: 0.6 },
    ]);
  });

  it(`drops days older than ${READINESS_DAYS_KEPT} and shows the last 30 in the series`, () => {
    let history: ReadinessPoint[] = [];
    for (let day = 0; day < 60; day++) history = noteReadiness(history, new Date(Date.UTC(2026, 9, 1 + day, 12)), day / 100);
    expect(history).toHaveLength(READINESS_DAYS_KEPT);
    expect(history[0]!.day).toBe('2026-10-16');
    const today = new Date(Date.UTC(2026, 10, 29, 12));
    const series = readinessSeries(history, today);
    expect(series).toHaveLength(30);
    expect(series[0]).toEqual({ day: '2026-10-31', value: 0.3 });
    expect(series.at(-1)).toEqual({ day: '2026-11-29', value: 0.59 });
  });

  it('leaves gaps for days without answers', () => {
    const history = [
      { day: '2026-11-01', value: 0.4 },
      { day: '2026-11-20', value: 0.6 },
    ];
    expect(readinessSeries(history, at('2026-11-25T00:00:00Z'))).toEqual(history);
    expect(readinessSeries(history, at('2026-12-15T00:00:00Z'))).toEqual([{ day: '2026-11-20', value: 0.6 }]);
  });
});

describe('exam session', () => {
  const exam: OpenExam = { examId: 'e1', questionIds: ['a', 'b', 'c'], answers: [null, null, null], flagged: [], startedAt: 0, deadline: 6 * 60_000 };

  it('changes and clears answers, toggles flags, resumes at the first blank', () => {
    const answered = withAnswer(withAnswer(exam, 0, 'B'), 0, 'C');
    expect(answered.answers).toEqual(['C', null, null]);
    expect(withAnswer(answered, 0, 'C').answers).toEqual([null, null, null]);
    expect(resumePosition(answered)).toBe(1);
    expect(withFlagToggled(withFlagToggled(exam, 2), 0).flagged).toEqual([0, 2]);
    expect(withFlagToggled(withFlagToggled(exam, 2), 2).flagged).toEqual([]);
    expect(exam.answers).toEqual([null, null, null]);
  });

  it('ends a submission at the click, and a late one at the deadline as timed out', () => {
    expect(closingFor(exam, new Date(60_000), 'submitted')).toEqual({ at: 60_000, end: 'submitted' });
    expect(closingFor(exam, new Date(7 * 60_000), 'submitted')).toEqual({ at: 6 * 60_000, end: 'timed-out' });
  });
});

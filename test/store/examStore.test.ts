// The exam records on a real SQLite file: answers of one exam recorded once, the day's readiness
// point noted with them, and the index of open exams kept per server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readiness } from '../../src/domain/mastery.ts';
import { ExamStore } from '../../src/store/examStore.ts';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { StudyStore, type AnswerInput } from '../../src/store/studyStore.ts';
import { WEIGHTS } from '../unit/inlineContent.ts';

const NOW = new Date('2026-11-27T10:00:00Z');
const answer = (questionId: string, correct: boolean): AnswerInput => ({
  questionId,
  domain: 'lifecycle',
  tags: ['lifecycle'],
  correct,
  letter: 'A',
  source: 'exam',
  now: NOW,
});

describe('exam records', () => {
  let dir = '';
  let kv: KeyValue | undefined;
  const open = async () => {
    dir = mkdtempSync(join(tmpdir(), 'ai300-exam-store-'));
    kv = await openKeyValue(`sqlite://${join(dir, 'x.sqlite')}`);
    return { study: new StudyStore(kv, undefined, { weights: WEIGHTS }), exams: new ExamStore(kv) };
  };
  afterEach(async () => {
    await kv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the answers of one exam once, with the review queue and the day readiness point', async () => {
    const { study } = await open();
    const answers = [answer('lifecycle-001', true), answer('lifecycle-002', false), answer('lifecycle-003', false)];
    expect(await study.recordExamAnswers('g1', 'u1', 'exam1', answers, NOW)).toBe(true);
    expect(await study.recordExamAnswers('g1', 'u1', 'exam1', answers, NOW)).toBe(false);
    const summary = await study.getSummary('g1', 'u1', NOW);
    expect(summary.all.lifecycle).toMatchObject({ n: 3, c: 1 });
    const learner = await study.getLearner('g1', 'u1');
    expect(Object.keys(learner.review).sort()).toEqual(['lifecycle-002', 'lifecycle-003']);
    expect(learner.readiness).toEqual([{ day: '2026-11-27', value: Math.round(readiness(summary.all, WEIGHTS) * 10_000) / 10_000 }]);
  });

  it('notes readiness with quiz answers too, one point per day', async () => {
    const { study } = await open();
    await study.recordAnswer('g1', 'u2', answer('lifecycle-001', true));
    await study.recordAnswer('g1', 'u2', { ...answer('lifecycle-002', true), now: new Date('2026-11-28T10:00:00Z') });
    await study.recordAnswer('g1', 'u2', { ...answer('lifecycle-003', false), now: new Date('2026-11-28T11:00:00Z') });
    const points = (await study.getLearner('g1', 'u2')).readiness!;
    expect(points.map((p) => p.day)).toEqual(['2026-11-27', '2026-11-28']);
    // The day's point is the readiness after its last answer.
    const summary = await study.getSummary('g1', 'u2', new Date('2026-11-28T12:00:00Z'));
    expect(points[1]!.value).toBeCloseTo(readiness(summary.all, WEIGHTS), 4);
    expect(points[1]!.value).not.toBeCloseTo(points[0]!.value, 4);
  });

  it('keeps open exams per server in an index, and only servers with any are returned', async () => {
    const { exams } = await open();
    await exams.updateOpenIndex('g1', (index) => {
      index.open.u1 = 1000;
      return { save: true, result: undefined };
    });
    await exams.updateOpenIndex('g2', () => ({ save: true, result: undefined }));
    const found = await exams.openIndexes(['g1', 'g2', 'g3']);
    expect([...found.keys()]).toEqual(['g1']);
    expect(found.get('g1')!.open).toEqual({ u1: 1000 });
    await exams.forget('g1', 'u1');
    expect((await exams.openIndexes(['g1'])).size).toBe(0);
  });
});

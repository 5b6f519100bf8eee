import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { currentSummary } from '../../src/store/studyStore.ts';
import { answer, tempStore, type TempStore } from './tempStore.ts';

let temp: TempStore;
beforeEach(() => {
  temp = tempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

const G = 'guild-1';
const at = (iso: string) => new Date(iso);

describe('StudyStore on SQLite', () => {
  it('keeps answers, logged misses, review cards and a diagnostic run across close and reopen', async () => {
    const first = await temp.open();
    await first.recordAnswer(G, 'u1', answer({ questionId: 'infra-004', domain: 'infra', tags: ['infrastructure'], correct: false, letter: 'C', serve: 's1' }));
    await first.logMiss(G, 'u1', { at: at('2026-03-04T13:00:00Z').getTime(), tag: 'observability', note: 'practice test' });
    const run = { runId: 'run1', questionIds: ['infra-001', 'quality-002'], answers: ['B' as const], startedAt: 5 };
    await first.saveDiagnostic(G, 'u1', run);
    await first.close();

    const second = await temp.open();
    const learner = await second.getLearner(G, 'u1');
    expect(learner.answered).toEqual({ s1: 'C' });
    expect(learner.tagMisses).toEqual({ infrastructure: 1 });
    expect(learner.loggedMisses).toEqual({ observability: 1 });
    expect(learner.missLog).toEqual([{ at: at('2026-03-04T13:00:00Z').getTime(), tag: 'observability', note: 'practice test' }]);
    expect(Object.keys(learner.review)).toEqual(['infra-004']);
    expect(learner.review['infra-004']!.due).toBeGreaterThan(at('2026-03-04T12:00:00Z').getTime());
    expect(learner.diagnostic).toEqual(run);
    expect((await second.getSummary(G, 'u1', at('2026-03-04T14:00:00Z'))).all.infra).toMatchObject({ n: 1, c: 0 });
  });

  it('removes a saved diagnostic run when given none', async () => {
    const store = await temp.open();
    await store.saveDiagnostic(G, 'u1', { runId: 'r', questionIds: [], answers: [], startedAt: 1 });
    await store.saveDiagnostic(G, 'u1', undefined);
    expect('diagnostic' in (await store.getLearner(G, 'u1'))).toBe(false);
  });

  it('keeps the same user apart in two guilds, and forget erases only one of them', async () => {
    const store = await temp.open();
    await store.recordAnswer('g1', 'u1', answer({ correct: false, serve: 'a' }));
    await store.recordAnswer('g2', 'u1', answer({ correct: true, serve: 'a' }));
    await store.recordAnswer('g1', 'u2', answer({ correct: true, serve: 'b' }));
    const now = at('2026-03-04T12:00:00Z');
    expect((await store.getSummary('g1', 'u1', now)).all.quality).toMatchObject({ n: 1, c: 0 });
    expect((await store.getSummary('g2', 'u1', now)).all.quality).toMatchObject({ n: 1, c: 1 });

    await store.forget('g1', 'u1');
    await store.close();
    const reopened = await temp.open();
    expect(await reopened.getLearner('g1', 'u1')).toMatchObject({ answered: {}, tagMisses: {}, review: {} });
    expect((await reopened.getSummary('g1', 'u1', now)).all).toEqual({});
    expect((await reopened.getLearner('g2', 'u1')).answered).toEqual({ a: 'A' });
    expect((await reopened.getLearner('g1', 'u2')).answered).toEqual({ b: 'A' });
    expect([...(await reopened.guildSummaries('g1')).keys()]).toEqual(['u2']);
  });

  it('guildSummaries reflects writes and forgets made after it was first loaded, and survives reopen', async () => {
    const store = await temp.open();
    await store.recordAnswer(G, 'u1', answer({ serve: '1' }));
    expect([...(await store.guildSummaries(G)).keys()]).toEqual(['u1']);
    await store.recordAnswer(G, 'u2', answer({ serve: '2', correct: false }));
    await store.recordAnswer(G, 'u1', answer({ serve: '3' }));
    await store.recordAnswer('other', 'u9', answer({ serve: '4' }));
    const summaries = await store.guildSummaries(G);
    expect([...summaries.keys()].sort()).toEqual(['u1', 'u2']);
    expect(summaries.get('u1')!.all.quality).toMatchObject({ n: 2, c: 2 });
    await store.forget(G, 'u2');
    expect([...(await store.guildSummaries(G)).keys()]).toEqual(['u1']);
    await store.close();

    const reopened = await temp.open();
    const again = await reopened.guildSummaries(G);
    expect([...again.keys()]).toEqual(['u1']);
    expect(again.get('u1')!.all.quality).toMatchObject({ n: 2, c: 2 });
  });

  it('logs a miss with a domain against that domain, and without one only as a tag', async () => {
    const store = await temp.open();
    const when = at('2026-03-04T09:00:00Z');
    await store.logMiss(G, 'u1', { at: when.getTime(), tag: 'genaiops' });
    expect((await store.getSummary(G, 'u1', when)).all).toEqual({});
    const learner = await store.logMiss(G, 'u1', { at: when.getTime(), tag: 'genaiops', domain: 'genaiops' });
    expect(learner.loggedMisses).toEqual({ genaiops: 2 });
    expect(learner.missLog).toHaveLength(2);
    const summary = await store.getSummary(G, 'u1', when);
    expect(summary.all.genaiops).toMatchObject({ n: 1, c: 0 });
    expect(summary.week.tallies.genaiops).toMatchObject({ n: 1, c: 0 });
    expect(learner.tagMisses).toEqual({}); // quiz misses and logged misses are kept apart
  });

  it('writes nothing when the check hook rejects, and saves the then hook with the answer', async () => {
    const store = await temp.open();
    const rejected = await store.recordAnswer(G, 'u1', answer({ serve: 'x', correct: false }), { check: () => 'run is over' });
    expect(rejected).toEqual({ status: 'rejected', reason: 'run is over' });
    expect(await store.getLearner(G, 'u1')).toMatchObject({ answered: {}, tagMisses: {}, review: {}, recent: [] });
    expect((await store.getSummary(G, 'u1', answer().now)).all).toEqual({});

    const run = { runId: 'r1', questionIds: ['quality-001'], answers: [], startedAt: 1 };
    const outcome = await store.recordAnswer(G, 'u1', answer({ serve: 'y' }), {
      check: (learner) => (learner.answered.y ? 'seen' : undefined),
      afterAnswer: (learner) => ({ ...learner, diagnostic: { ...run, answers: ['A'] } }),
    });
    expect(outcome.status).toBe('recorded');
    await store.close();
    const stored = await (await temp.open()).getLearner(G, 'u1');
    expect(stored.diagnostic?.answers).toEqual(['A']);
    expect(stored.answered).toEqual({ y: 'A' });
  });

  it('starts new week and month tallies when the answer date moves on, keeping all-time', async () => {
    const store = await temp.open();
    await store.recordAnswer(G, 'u1', answer({ serve: '1', now: at('2026-03-29T10:00:00Z') })); // Sunday, W13
    const monday = await store.recordAnswer(G, 'u1', answer({ serve: '2', now: at('2026-03-30T10:00:00Z') }));
    if (monday.status !== 'recorded') throw new Error(monday.status);
    expect(monday.summary.week).toMatchObject({ key: '2026-W14', tallies: { quality: { n: 1 } } });
    expect(monday.summary.month).toMatchObject({ key: '2026-03', tallies: { quality: { n: 2 } } });
    const april = await store.recordAnswer(G, 'u1', answer({ serve: '3', now: at('2026-04-01T10:00:00Z') }));
    if (april.status !== 'recorded') throw new Error(april.status);
    expect(april.summary.week).toMatchObject({ key: '2026-W14', tallies: { quality: { n: 2 } } });
    expect(april.summary.month).toMatchObject({ key: '2026-04', tallies: { quality: { n: 1 } } });
    expect(april.summary.all.quality).toMatchObject({ n: 3 });
    // Read later with no new answer: the stale periods show empty.
    const later = await store.getSummary(G, 'u1', at('2026-05-04T00:00:00Z'));
    expect(later.week).toEqual({ key: '2026-W19', tallies: {} });
    expect(later.month).toEqual({ key: '2026-05', tallies: {} });
    expect(later.all.quality).toMatchObject({ n: 3 });
  });

  it('currentSummary starts empty for a new learner', () => {
    expect(currentSummary(undefined, at('2026-12-31T00:00:00Z'))).toEqual({
      v: 1,
      all: {},
      week: { key: '2026-W53', tallies: {} },
      month: { key: '2026-12', tallies: {} },
      updatedAt: 0,
    });
  });

  it('journals in WAL mode', async () => {
    const store = await temp.open();
    await store.recordAnswer(G, 'u1', answer({ serve: '1' }));
    expect(existsSync(`${temp.file}-wal`)).toBe(true);
    const db = new Database(temp.file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});

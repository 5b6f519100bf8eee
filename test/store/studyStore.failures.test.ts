import { describe, expect, it } from 'vitest';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { StoreError, StudyStore } from '../../src/store/studyStore.ts';
import { answer } from './tempStore.ts';

const G = 'guild-1';
const now = new Date('2026-03-04T12:00:00Z');

/** A real memory KeyValue whose operations throw while `broken` says so. */
async function flakyKeyValue(broken: (op: string, key: string) => boolean): Promise<KeyValue> {
  const inner = await openKeyValue('memory://');
  const fail = (op: string, key: string) => {
    if (broken(op, key)) throw new Error(`disk I/O error on ${op} ${key}`);
  };
  const flaky: KeyValue = {
    get: async (key) => {
      fail('get', key);
      return inner.get(key);
    },
    getMany: async (keys) => {
      fail('getMany', keys.join());
      return inner.getMany(keys);
    },
    set: async (key, value) => {
      fail('set', key);
      return inner.set(key, value);
    },
    setMany: async (entries) => {
      for (const [key] of entries) fail('set', key);
      await inner.setMany(entries);
    },
    delete: async (key) => {
      fail('delete', key);
      return inner.delete(key);
    },
    scan: async (prefix) => {
      fail('scan', prefix);
      return inner.scan(prefix);
    },
    // The lock is the real one; what the task reads and writes fails like everything else.
    atomically: (lockKey, task) => inner.atomically(lockKey, () => task(flaky)),
    sharedAcrossProcesses: false,
    close: () => inner.close(),
  };
  return flaky;
}

describe('a failing backend', () => {
  const calls: [string, (store: StudyStore) => Promise<unknown>][] = [
    ['getLearner', (s) => s.getLearner(G, 'u1')],
    ['getSummary', (s) => s.getSummary(G, 'u1', now)],
    ['updateLearner', (s) => s.updateLearner(G, 'u1', (l) => ({ save: l, result: 1 }))],
    ['serveQuestion', (s) => s.serveQuestion(G, 'u1', () => 'quality-001')],
    ['recordAnswer', (s) => s.recordAnswer(G, 'u1', answer({ serve: 'a' }))],
    ['logMiss', (s) => s.logMiss(G, 'u1', { at: now.getTime(), tag: 'quality', domain: 'quality' })],
    ['saveDiagnostic', (s) => s.saveDiagnostic(G, 'u1', undefined)],
    ['forget', (s) => s.forget(G, 'u1')],
    ['guildSummaries', (s) => s.guildSummaries(G)],
  ];

  it.each(calls)('surfaces as StoreError from %s', async (_name, call) => {
    const store = new StudyStore(await flakyKeyValue(() => true));
    const error = await call(store).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain('disk I/O error');
    expect(((error as StoreError).cause as Error).message).toContain('disk I/O error');
  });

  it('does not block the learner queue after a failure', async () => {
    let broken = true;
    const store = new StudyStore(await flakyKeyValue(() => broken));
    await expect(store.recordAnswer(G, 'u1', answer({ serve: 'a' }))).rejects.toBeInstanceOf(StoreError);
    broken = false;
    const outcome = await store.recordAnswer(G, 'u1', answer({ serve: 'a' }));
    expect(outcome.status).toBe('recorded');
  });

  it('leaves no half-recorded answer when the summary write fails', async () => {
    let broken = true;
    const store = new StudyStore(await flakyKeyValue((op, key) => broken && op === 'set' && key.includes(':s:')));
    await expect(store.recordAnswer(G, 'u1', answer({ serve: 'a', correct: false }))).rejects.toBeInstanceOf(StoreError);
    broken = false;
    // The user clicks again: the answer must count now, exactly once.
    const retry = await store.recordAnswer(G, 'u1', answer({ serve: 'a', correct: false }));
    expect(retry.status).toBe('recorded');
    expect((await store.getSummary(G, 'u1', now)).all.quality).toMatchObject({ n: 1, c: 0 });
    expect((await store.getLearner(G, 'u1')).tagMisses).toEqual({ quality: 1 });
  });

  it('shows a question even when saving it fails, reports that failure, and keeps the learner usable', async () => {
    let broken = true;
    const failures: StoreError[] = [];
    const store = new StudyStore(await flakyKeyValue((op, key) => broken && op === 'set' && key.includes(':u:')), (error) => failures.push(error));
    const served = await store.serveQuestion(G, 'u1', () => 'quality-001');
    expect(served.questionId).toBe('quality-001');
    // The learner's next change waits for the save, so by now it has failed and been reported.
    broken = false;
    const outcome = await store.recordAnswer(G, 'u1', answer({ serve: 'a' }));
    expect(outcome.status).toBe('recorded');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(StoreError);
    expect(failures[0]!.message).toContain('disk I/O error');
  });
});

describe('serving a question', () => {
  it("answers before the save lands, and the learner's next change sees the saved pick", async () => {
    const inner = await openKeyValue('memory://');
    let releaseWrite!: () => void;
    const writeGate = new Promise<void>((resolve) => {
      releaseWrite = resolve;
    });
    const gated: KeyValue = {
      ...inner,
      set: async (key, value) => {
        await writeGate;
        return inner.set(key, value);
      },
      atomically: (lockKey, task) => inner.atomically(lockKey, () => task(gated)),
    };
    const store = new StudyStore(gated);
    const served = await store.serveQuestion(G, 'u1', () => 'quality-001');
    expect(served.questionId).toBe('quality-001');
    expect(await inner.get(`g:${G}:u:u1`)).toBeUndefined();
    let secondPickSaw: string[] | undefined;
    const second = store.serveQuestion(G, 'u1', (learner) => {
      secondPickSaw = [...learner.recent];
      return 'quality-002';
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Still waiting for the first save: the second pick has not run.
    expect(secondPickSaw).toBeUndefined();
    releaseWrite();
    await second;
    expect(secondPickSaw).toEqual(['quality-001']);
  });
});

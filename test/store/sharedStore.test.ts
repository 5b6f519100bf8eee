// The store's guarantees on every backend, and across processes where the backend allows several
// (PostgreSQL: shards sharing one database).
import { afterEach, describe, expect, it } from 'vitest';
import type { PostJob } from '../../src/bot/daily/scheduler.ts';
import { DailyStore } from '../../src/store/dailyStore.ts';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { StudyStore } from '../../src/store/studyStore.ts';
import { type Backend, backends, inOtherProcess } from './backends.ts';
import { answer } from './tempStore.ts';

const G = '100000000000000001';
const CHANNEL = '200000000000000001';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store URL of `backend` no other test uses, cleaned up after the test. */
async function freshUrl(backend: Backend): Promise<string> {
  const { url, cleanup } = await backend.fresh();
  cleanups.push(cleanup);
  return url;
}

async function open(url: string): Promise<KeyValue> {
  const kv = await openKeyValue(url);
  cleanups.push(() => kv.close());
  return kv;
}

describe.each(backends)('the store on $name', (backend) => {
  const fresh = () => freshUrl(backend);

  it('keeps exact counts after 200 simultaneous answers from one member, and after reopening', async () => {
    const url = await fresh();
    const store = new StudyStore(await open(url));
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.recordAnswer(G, 'u1', answer({ serve: `s${i}`, correct: i % 2 === 0, letter: i % 2 === 0 ? 'A' : 'B' }))),
    );
    expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(200);
    const reopened = new StudyStore(await open(url));
    expect((await reopened.getSummary(G, 'u1', answer().now)).all.quality).toMatchObject({ n: 200, c: 100 });
    expect((await reopened.getLearner(G, 'u1')).answeredOrder).toHaveLength(200);
  });

  it('records one serve id once when it arrives 50 times at once', async () => {
    const store = new StudyStore(await open(await fresh()));
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => store.recordAnswer(G, 'u1', answer({ serve: 'same', correct: false, letter: 'C' }))));
    expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(1);
    expect((await store.getSummary(G, 'u1', answer().now)).all.quality).toMatchObject({ n: 1, c: 0 });
  });

  it("scans a server's records and no other's, and forgets a member", async () => {
    const store = new StudyStore(await open(await fresh()));
    await Promise.all(['a', 'b', 'c'].map((user) => store.recordAnswer(G, user, answer({ serve: user }))));
    await store.recordAnswer('100000000000000002', 'z', answer({ serve: 'z' }));
    expect([...(await store.guildSummaries(G)).keys()].sort()).toEqual(['a', 'b', 'c']);
    await store.forget(G, 'b');
    expect([...(await store.guildSummaries(G)).keys()].sort()).toEqual(['a', 'c']);
    expect((await store.getLearner(G, 'b')).answeredOrder).toEqual([]);
  });

  it('rolls back a read-modify-write that fails half-way: nothing of it is saved', async () => {
    const kv = await open(await fresh());
    await kv.set('k', { n: 1 });
    await expect(
      kv.atomically('k', async (records) => {
        await records.set('k', { n: 2 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // SQLite writes as it goes (one process, one lock); PostgreSQL undoes the whole transaction.
    expect(await kv.get('k')).toEqual(backend.name === 'postgres' ? { n: 1 } : { n: 2 });
  });
});

describe('the store shared by two processes (PostgreSQL)', () => {
  const fresh = () => freshUrl(backends.find((b) => b.name === 'postgres')!);

  it('keeps exact counts after 200 simultaneous answers for one member from two processes', async () => {
    const url = await fresh();
    // Creates the table before the two processes race to.
    await open(url);
    const results = await Promise.all([
      inOtherProcess<{ recorded: number }>('answers', url, G, 'u1', '0', '100'),
      inOtherProcess<{ recorded: number }>('answers', url, G, 'u1', '100', '100'),
    ]);
    expect(results.map((r) => r.recorded)).toEqual([100, 100]);
    const store = new StudyStore(await open(url));
    expect((await store.getSummary(G, 'u1', answer().now)).all.quality).toMatchObject({ n: 200, c: 100 });
    const learner = await store.getLearner(G, 'u1');
    expect(new Set(learner.answeredOrder).size).toBe(200);
    expect(learner.tagMisses).toEqual({ quality: 100 });
  });

  it("lets only one of two processes claim a channel's daily post", async () => {
    const url = await fresh();
    const daily = new DailyStore(await open(url));
    await daily.updateConfig(G, (config) => {
      config.channels[CHANNEL] = { channelId: CHANNEL, minutes: 8 * 60, timezone: 'UTC', configuredBy: '1', configuredAt: 0 };
      return { save: true, result: undefined };
    });
    const at = '2026-06-01T08:00:30Z';
    const results = await Promise.all([inOtherProcess<{ sent: PostJob[] }>('sweep', url, G, at), inOtherProcess<{ sent: PostJob[] }>('sweep', url, G, at)]);
    const sent = results.flatMap((r) => r.sent);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channelId: CHANNEL, localDate: '2026-06-01' });
    const schedule = (await daily.getConfig(G)).channels[CHANNEL]!;
    expect(schedule.lastPostId).toBe(sent[0]!.postId);
    expect(schedule.sendingPostId).toBeUndefined();
  });
});

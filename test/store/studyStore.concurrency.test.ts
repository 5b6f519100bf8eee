import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { StudyStore } from '../../src/store/studyStore.ts';
import { answer, tempStore, type TempStore } from './tempStore.ts';

let temp: TempStore;
beforeEach(() => {
  temp = tempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

const G = 'guild-1';

describe('concurrent answers', () => {
  it('keeps exact counts after 200 simultaneous answers from one user to one question', async () => {
    const store = await temp.open();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.recordAnswer(G, 'u1', answer({ serve: `s${i}`, correct: i % 2 === 0, letter: i % 2 === 0 ? 'A' : 'B' }))),
    );
    expect(outcomes.every((o) => o.status === 'recorded')).toBe(true);
    await store.close();

    const reopened = await temp.open();
    const summary = await reopened.getSummary(G, 'u1', answer().now);
    expect(summary.all.quality).toMatchObject({ n: 200, c: 100 });
    expect(summary.week.tallies.quality).toMatchObject({ n: 200, c: 100 });
    const learner = await reopened.getLearner(G, 'u1');
    expect(learner.tagMisses).toEqual({ quality: 100 });
    expect(learner.answeredOrder).toHaveLength(200);
    expect(new Set(learner.answeredOrder).size).toBe(200);
  });

  it('records one serve id once when it arrives 50 times at once', async () => {
    const store = await temp.open();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => store.recordAnswer(G, 'u1', answer({ serve: 'same', correct: false, letter: 'C' }))));
    expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toEqual(Array.from({ length: 49 }, () => ({ status: 'duplicate', letter: 'C' })));
    expect((await store.getSummary(G, 'u1', answer().now)).all.quality).toMatchObject({ n: 1, c: 0 });
    expect((await store.getLearner(G, 'u1')).tagMisses).toEqual({ quality: 1 });
  });

  it('lets different users and guilds answer at once without losing any', async () => {
    const store = await temp.open();
    const users = ['a', 'b', 'c', 'd'];
    await Promise.all(
      users.flatMap((user) =>
        ['g1', 'g2'].flatMap((guild) => Array.from({ length: 25 }, (_, i) => store.recordAnswer(guild, user, answer({ serve: `s${i}` })))),
      ),
    );
    for (const guild of ['g1', 'g2']) {
      const summaries = await store.guildSummaries(guild);
      expect([...summaries.keys()].sort()).toEqual(users);
      for (const user of users) expect(summaries.get(user)!.all.quality).toMatchObject({ n: 25, c: 25 });
    }
  });

  it('guildSummaries does not lose an answer recorded while it is still loading', async () => {
    // A scan that reads its rows, then waits at a gate before returning them (as a slow SQLite read would).
    const inner = await openKeyValue('memory://');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const kv: KeyValue = {
      ...inner,
      scan: async <T>(prefix: string) => {
        const rows = await inner.scan<T>(prefix);
        await gate;
        return rows;
      },
    };
    const store = new StudyStore(kv);
    await store.recordAnswer(G, 'u1', answer({ serve: '1' }));
    const loading = store.guildSummaries(G);
    await new Promise((resolve) => setImmediate(resolve)); // the scan has read its rows
    await store.recordAnswer(G, 'u1', answer({ serve: '2' }));
    open();
    await loading;
    expect((await store.guildSummaries(G)).get('u1')!.all.quality).toMatchObject({ n: 2 });
    await store.close();
  });
});

import { inject, describe, expect, it, afterEach } from 'vitest';
import { openKeyValue } from '../../src/store/kv.ts';
import { copyStore } from '../../src/store/migrate.ts';
import { StudyStore } from '../../src/store/studyStore.ts';
import { createTestDatabase } from '../helpers/postgresServer.ts';
import { backends } from './backends.ts';
import { answer } from './tempStore.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('moving the store from SQLite to PostgreSQL', () => {
  it('copies every record unchanged, verifies them, and can run twice', async () => {
    const sqlite = await backends[0]!.fresh();
    cleanups.push(sqlite.cleanup);
    const source = new StudyStore(await openKeyValue(sqlite.url));
    for (let i = 0; i < 1_200; i++) await source.recordAnswer(`g${i % 3}`, `u${i % 400}`, answer({ serve: `s${i}`, correct: i % 3 === 0 }));
    await source.close();
    const target = await createTestDatabase(inject('postgresAdminUrl'));

    const first = await copyStore(sqlite.url, target);
    // Member k answers as i = k, k + 400, k + 800: once in each of the 3 servers (400 % 3 = 1),
    // and each (server, member) has a learner record and a summary.
    expect(first).toEqual({ copied: 400 * 3 * 2, mismatched: [] });
    const again = await copyStore(sqlite.url, target);
    expect(again).toEqual(first);

    const copied = new StudyStore(await openKeyValue(target));
    const original = new StudyStore(await openKeyValue(sqlite.url));
    for (const [guild, user] of [
      ['g0', 'u0'],
      ['g1', 'u1'],
      ['g2', 'u399'],
    ] as const) {
      expect(await copied.getLearner(guild, user)).toEqual(await original.getLearner(guild, user));
      expect(await copied.getSummary(guild, user, answer().now)).toEqual(await original.getSummary(guild, user, answer().now));
    }
    expect((await copied.guildSummaries('g1')).size).toBe((await original.guildSummaries('g1')).size);
    await copied.close();
    await original.close();
  });

  it('refuses to copy a store onto itself', async () => {
    await expect(copyStore('memory://', 'memory://')).rejects.toThrow('--from and --to are the same store');
    await expect(copyStore('sqlite:///no/such/folder/ai300.sqlite', 'memory://')).rejects.toThrow('there is no SQLite store at /no/such/folder/ai300.sqlite');
  });
});

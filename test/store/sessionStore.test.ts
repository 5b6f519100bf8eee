import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRound, type SessionRecord } from '../../src/domain/session/round.ts';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { StoreError } from '../../src/store/studyStore.ts';

const GUILD = '100000000000000001';
const DEADLINE = 30_000;

function round(channelId: string, sessionId = 's1'): SessionRecord {
  return newRound({ sessionId, guildId: GUILD, channelId, startedBy: 'u0', startedAt: 0, seconds: 30, questionIds: ['infra-001'] });
}

describe('session store on SQLite', () => {
  let dir: string;
  let kv: KeyValue;
  let store: SessionStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ai300-sessions-'));
    kv = await openKeyValue(`sqlite://${join(dir, 'store.sqlite')}`);
    store = new SessionStore(kv);
  });

  afterEach(async () => {
    await kv.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes one answer per member under 300 concurrent clicks, the first one standing', async () => {
    const clicks = Array.from({ length: 300 }, (_, i) => store.answer(GUILD, 's1', 0, `u${i % 100}`, { letter: i < 100 ? 'A' : 'B', at: i }, DEADLINE));
    const outcomes = await Promise.all(clicks);
    expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(100);
    expect(outcomes.filter((o) => o.status === 'duplicate' && o.letter === 'A')).toHaveLength(200);
    const stored = await store.getAnswers(GUILD, 's1', 0);
    expect(Object.keys(stored.answers)).toHaveLength(100);
    expect(Object.values(stored.answers).every((a) => a.letter === 'A')).toBe(true);
  });

  it('refuses answers after the deadline and once the question is closed, keeping what came before', async () => {
    expect((await store.answer(GUILD, 's1', 0, 'early', { letter: 'C', at: DEADLINE }, DEADLINE)).status).toBe('recorded');
    expect((await store.answer(GUILD, 's1', 0, 'late', { letter: 'C', at: DEADLINE + 1 }, DEADLINE)).status).toBe('closed');
    const closed = await store.closeAnswers(GUILD, 's1', 0);
    expect(Object.keys(closed.answers)).toEqual(['early']);
    expect((await store.answer(GUILD, 's1', 0, 'after', { letter: 'C', at: 10 }, DEADLINE)).status).toBe('closed');
    // A member who answered in time is told so, not that the question closed.
    expect(await store.answer(GUILD, 's1', 0, 'early', { letter: 'D', at: 10 }, DEADLINE)).toEqual({ status: 'duplicate', letter: 'C' });
  });

  it('keeps one round per channel and lists a server rounds after reopening the file', async () => {
    const start = (channel: string, id: string) =>
      store.update(GUILD, channel, (existing) => (existing && existing.phase !== 'ended' ? { result: false } : { save: round(channel, id), result: true }));
    expect(await Promise.all([start('c1', 'a'), start('c1', 'b'), start('c2', 'c')])).toEqual([true, false, true]);
    await kv.close();
    kv = await openKeyValue(`sqlite://${join(dir, 'store.sqlite')}`);
    store = new SessionStore(kv);
    const rounds = await store.sessionsOf(GUILD);
    expect(rounds.map((r) => `${r.channelId}:${r.sessionId}`).sort()).toEqual(['c1:a', 'c2:c']);
    // Answers and final scores live under their own keys, not mistaken for rounds.
    await store.answer(GUILD, 'a', 0, 'u1', { letter: 'A', at: 1 }, DEADLINE);
    await store.saveFinal(GUILD, { v: 1, sessionId: 'a', channelId: 'c1', scores: {}, endedAt: 1 });
    expect(await store.sessionsOf(GUILD)).toHaveLength(2);
    expect(await store.sessionsOf('200000000000000002')).toEqual([]);
  });

  it('reports a failing backend as a StoreError', async () => {
    await kv.close();
    await expect(store.answer(GUILD, 's1', 0, 'u1', { letter: 'A', at: 1 }, DEADLINE)).rejects.toBeInstanceOf(StoreError);
  });
});

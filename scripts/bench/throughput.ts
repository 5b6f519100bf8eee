// Answer throughput on the default SQLite store, against the raw SQLite write rate of the same
// records on the same disk, with a check that no answer was lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openKeyValue } from '../../src/store/kv.ts';
import { StudyStore } from '../../src/store/studyStore.ts';
import { type Figure, type Size, round } from './measure.ts';

const GUILDS = 20;
const USERS = 2000;

function answerFor(i: number) {
  return {
    guild: `9000000000000000${String(i % GUILDS).padStart(2, '0')}`,
    user: String(100000000000000000n + BigInt(i % USERS)),
    input: {
      questionId: 'lifecycle-001',
      domain: 'lifecycle' as const,
      tags: ['lifecycle' as const],
      correct: i % 3 !== 0,
      letter: 'A' as const,
      serve: `s${i.toString(36)}`,
      source: 'quiz' as const,
      now: new Date('2026-11-27T12:00:00Z'),
    },
  };
}

/** Our store: every answer recorded through StudyStore.recordAnswer, many in flight at once. */
export async function storeRate(url: string, answers: number): Promise<{ perSecond: number; lost: number }> {
  const kv = await openKeyValue(url);
  const store = new StudyStore(kv);
  const started = performance.now();
  const inFlight = 512;
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < answers) {
        const { guild, user, input } = answerFor(next++);
        await store.recordAnswer(guild, user, input);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  // Reopen and count: every answer must be there.
  const reopened = new StudyStore(await openKeyValue(url));
  let counted = 0;
  for (let g = 0; g < GUILDS; g++) {
    const summaries = await reopened.guildSummaries(`9000000000000000${String(g).padStart(2, '0')}`);
    for (const summary of summaries.values()) counted += summary.all.lifecycle?.n ?? 0;
  }
  await reopened.close();
  return { perSecond: answers / seconds, lost: answers - counted };
}

/** The floor: the same two rows per answer written straight to SQLite, in one transaction per batch. */
async function rawRate(dir: string, answers: number, recordBytes: number): Promise<number> {
  const db = new Database(join(dir, 'raw.sqlite'));
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  run('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)');
  const payload = 'x'.repeat(recordBytes);
  const started = performance.now();
  const batch = 200;
  for (let i = 0; i < answers; i += batch) {
    const rows: unknown[] = [];
    for (let j = i; j < Math.min(answers, i + batch); j++) {
      const { guild, user } = answerFor(j);
      rows.push(`g:${guild}:u:${user}`, payload, `g:${guild}:s:${user}`, payload);
    }
    run(
      `INSERT INTO keyv (key, value) VALUES ${Array(rows.length / 2)
        .fill('(?, ?)')
        .join(', ')} ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      ...rows,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return answers / seconds;
}

export async function answerThroughput(size: Size): Promise<Figure[]> {
  const answers = size === 'full' ? 30_000 : 400;
  const dir = mkdtempSync(join(tmpdir(), 'ai300-bench-'));
  try {
    const ours = await storeRate(`sqlite://${join(dir, 'store.sqlite')}`, answers);
    const floor = await rawRate(dir, answers, 900);
    return [
      {
        scenario: 'answer throughput',
        metric: 'answers recorded per second',
        value: round(ours.perSecond, 0),
        unit: '/s',
        floor: round(floor, 0),
        ratio: round(ours.perSecond / floor),
        target: '>= 3000/s',
        met: ours.perSecond >= 3000,
      },
      { scenario: 'answer throughput', metric: 'answers lost', value: ours.lost, unit: '', target: '0', met: ours.lost === 0 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

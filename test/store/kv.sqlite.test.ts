import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { RecentValues, SqliteRows } from '../../src/store/sqliteRows.ts';

let dir: string;
let file: string;
const opened: KeyValue[] = [];

async function open(): Promise<KeyValue> {
  const kv = await openKeyValue(`sqlite://${file}`);
  opened.push(kv);
  return kv;
}

/** Writes a value behind the store's back, through a connection of its own. */
function writeDirectly(key: string, value: unknown): void {
  const db = new Database(file);
  db.prepare('UPDATE keyv SET value = ? WHERE key = ?').run(JSON.stringify({ value }), `ai300:${key}`);
  db.close();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai300-kv-'));
  file = join(dir, 'kv.sqlite');
});

afterEach(async () => {
  for (const kv of opened.splice(0)) await kv.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite key-value store', () => {
  it('serves a repeat read from memory (this process is the only writer), while the file holds every write', async () => {
    const kv = await open();
    await kv.set('g:1:u:a', { n: 1 });
    writeDirectly('g:1:u:a', { n: 99 });
    expect(await kv.get('g:1:u:a')).toEqual({ n: 1 });
    // A fresh connection sees the file itself.
    const other = await open();
    expect(await other.get('g:1:u:a')).toEqual({ n: 99 });
  });

  it('remembers what it read, and hands out a fresh object each time', async () => {
    const first = await open();
    await first.setMany([
      ['k1', { list: [1] }],
      ['k2', { list: [2] }],
    ]);
    const kv = await open();
    const read = await kv.get<{ list: number[] }>('k1');
    read!.list.push(666);
    writeDirectly('k1', { list: [3] });
    // Remembered from the first read, and not the object the caller changed.
    expect(await kv.get('k1')).toEqual({ list: [1] });
    expect(await kv.getMany(['k2', 'k1', 'missing'])).toEqual([{ list: [2] }, { list: [1] }, undefined]);
  });

  it('forgets a deleted key', async () => {
    const kv = await open();
    await kv.set('k', { a: 1 });
    await kv.delete('k');
    expect(await kv.get('k')).toBeUndefined();
  });

  it('writes any number of rows in one statement, quotes and non-Latin text intact, the later of two writes winning', async () => {
    const kv = await open();
    const tricky = { text: `it's "quoted" — 日本語 \\ ${'x'.repeat(5000)}` };
    await Promise.all([
      kv.set('same', { v: 1 }),
      kv.set('same', { v: 2 }),
      kv.set("o'brien", tricky),
      kv.setMany(Array.from({ length: 450 }, (_, i) => [`bulk:${i}`, { i }] as [string, unknown])),
    ]);
    await kv.close();
    opened.splice(0);
    const reopened = await open();
    expect(await reopened.get('same')).toEqual({ v: 2 });
    expect(await reopened.get("o'brien")).toEqual(tricky);
    expect((await reopened.scan('bulk:')).length).toBe(450);
  });
});

describe('RecentValues', () => {
  it('stays within its byte budget, dropping the least recently used', () => {
    const recent = new RecentValues(100);
    recent.set('a', 'x'.repeat(40));
    recent.set('b', 'y'.repeat(40));
    expect(recent.get('a')).toBe('x'.repeat(40));
    recent.set('c', 'z'.repeat(40));
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')).toBe('x'.repeat(40));
    recent.forget(['a']);
    expect(recent.get('a')).toBeUndefined();
  });
});

describe('the SQLite adapter', () => {
  const walBytes = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

  it("opens a file in keyv's SQLite format (as @keyv/sqlite writes it) and keeps that format", async () => {
    const db = new Database(file);
    db.exec('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
    db.prepare('INSERT INTO keyv (key, value) VALUES (?, ?)').run('ai300:g:1:u:a', JSON.stringify({ value: { n: 7 } }));
    db.close();
    const kv = await open();
    expect(await kv.get('g:1:u:a')).toEqual({ n: 7 });
    await kv.set('g:1:u:b', { n: 8 });
    await kv.close();
    opened.splice(0);
    const check = new Database(file);
    expect(check.prepare('SELECT value FROM keyv WHERE key = ?').get('ai300:g:1:u:b')).toEqual({ value: '{"value":{"n":8}}' });
    check.close();
  });

  it('reports a failed write to its caller, keeps serving, and holds nothing it did not save', async () => {
    const rows = new SqliteRows(file, { checkpointEveryMs: 60_000 });
    await rows.set('ai300:k', '{"value":1}');
    const db = new Database(file);
    // A trigger that refuses one key stands in for a disk that refuses a write.
    db.exec("CREATE TRIGGER refuse BEFORE UPDATE ON keyv WHEN NEW.key = 'ai300:k' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    db.close();
    await expect(rows.set('ai300:k', '{"value":2}')).rejects.toThrow(/disk I\/O error/);
    expect(await rows.get('ai300:k')).toBe('{"value":1}');
    await rows.set('ai300:other', '{"value":3}');
    expect(await rows.get('ai300:other')).toBe('{"value":3}');
    await rows.disconnect();
  });

  it('never checkpoints inside a commit: the WAL grows until the background checkpoint, and is emptied on close', async () => {
    const rows = new SqliteRows(file, { checkpointEveryMs: 60_000 });
    // Far past SQLite's automatic checkpoint (1,000 pages, about 4 MB), which would have reset the WAL.
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 100; i++) await rows.set(`ai300:k${i}`, `${i}${big}`);
    expect(walBytes()).toBeGreaterThan(6 * 2 ** 20);
    expect((await rows.scanPrefix('ai300:k')).length).toBe(100);
    await rows.disconnect();
    expect(walBytes()).toBe(0);
    // Nothing was lost on the way into the database file.
    const check = new Database(file);
    expect(String((check.prepare('SELECT value FROM keyv WHERE key = ?').get('ai300:k99') as { value: string }).value).startsWith('99x')).toBe(true);
    check.close();
  });

  it('scans in slices: every row of the prefix once, in key order, and none of its neighbours', async () => {
    const rows = new SqliteRows(file, { checkpointEveryMs: 60_000 });
    const keys = Array.from({ length: 2_500 }, (_, i) => `ai300:g:1:s:${String(i).padStart(5, '0')}`);
    await rows.setMany(keys.map((key) => ({ key, value: '{"value":1}' })));
    await rows.setMany([
      { key: 'ai300:g:1:r', value: '{}' },
      { key: 'ai300:g:1:t', value: '{}' },
      { key: 'ai300:g:10:s:1', value: '{}' },
    ]);
    expect((await rows.scanPrefix('ai300:g:1:s:')).map((row) => row.key)).toEqual(keys);
    await rows.disconnect();
  });

  it('runs its checkpoint thread while it is written to, and lets it go when idle', async () => {
    const rows = new SqliteRows(file, { checkpointEveryMs: 20, idleThreadMs: 100 });
    expect(rows.checkpointThreadRunning).toBe(false);
    await rows.set('ai300:k', '{"value":1}');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(rows.checkpointThreadRunning).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rows.checkpointThreadRunning).toBe(false);
    // Writing again brings it back.
    await rows.set('ai300:k', '{"value":2}');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(rows.checkpointThreadRunning).toBe(true);
    await rows.disconnect();
  });

  it('checkpoints on its own timer', async () => {
    const rows = new SqliteRows(file, { checkpointEveryMs: 20 });
    for (let i = 0; i < 20; i++) await rows.set(`ai300:k${i}`, 'y'.repeat(8192));
    expect(walBytes()).toBeGreaterThan(100_000);
    // Until a checkpoint, the rows live in the WAL only; the timer's checkpoint copies them into the file.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statSync(file).size).toBeGreaterThan(100_000);
    await rows.disconnect();
  });
});

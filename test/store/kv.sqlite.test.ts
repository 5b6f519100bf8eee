import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import sqlite3 from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyValue, RecentValues, type KeyValue } from '../../src/store/kv.ts';
import { attachConnections } from '../../src/store/sqliteConnections.ts';

let dir: string;
let file: string;
const opened: KeyValue[] = [];

async function open(): Promise<KeyValue> {
  const kv = await openKeyValue(`sqlite://${file}`);
  opened.push(kv);
  return kv;
}

/** Writes a value behind the store's back, through a connection of its own. */
async function writeDirectly(key: string, value: unknown): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(d)));
  });
  await new Promise<void>((resolve, reject) =>
    db.run('UPDATE keyv SET value = ? WHERE key = ?', [JSON.stringify({ value }), `ai300:${key}`], (error) => (error ? reject(error) : resolve())),
  );
  await new Promise<void>((resolve) => db.close(() => resolve()));
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
    await writeDirectly('g:1:u:a', { n: 99 });
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
    await writeDirectly('k1', { list: [3] });
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
  const text = (value: unknown) => JSON.stringify({ value });

  it('keeps a read only if no write happened while it was in flight', () => {
    const recent = new RecentValues(1000);
    const before = recent.writes;
    const read = recent.deserialize<{ n: number }>(text({ n: 1 })).value;
    recent.noteCommitted([['other', text({ n: 2 })]]);
    recent.noteRead('k', read, before);
    expect(recent.get('k')).toBeUndefined();
    const fresh = recent.deserialize<{ n: number }>(text({ n: 1 })).value;
    recent.noteRead('k', fresh, recent.writes);
    expect(recent.get('k')).toEqual({ n: 1 });
  });

  it('drops keys whose write failed, and stays within its byte budget', () => {
    const recent = new RecentValues(120);
    recent.noteCommitted([['a', text('x'.repeat(40))]]);
    recent.noteCommitted([['b', text('y'.repeat(40))]]);
    expect(recent.get('a')).toBe('x'.repeat(40));
    recent.noteCommitted([['c', text('z'.repeat(40))]]);
    // 'b' was the least recently used.
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')).toBe('x'.repeat(40));
    recent.forget(['a']);
    expect(recent.get('a')).toBeUndefined();
  });
});

describe('the store connections', () => {
  const walBytes = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

  it('report a bad query to its caller and keep serving good ones, until closed', async () => {
    const store = new KeyvSqlite({ uri: `sqlite://${file}` });
    await attachConnections(store, file, { busyTimeoutMs: 1000 });
    await expect(store.query('SELEC nonsense')).rejects.toThrow(/syntax error/);
    await expect(store.query('SELEC nonsense')).rejects.toThrow(/syntax error/);
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    await store.disconnect();
    await expect(store.query('SELECT 1')).rejects.toThrow();
  });

  it('never checkpoint inside a commit: the WAL grows until the background checkpoint, and is emptied on close', async () => {
    const store = new KeyvSqlite({ uri: `sqlite://${file}` });
    const background = await attachConnections(store, file, { busyTimeoutMs: 1000, checkpointEveryMs: 60_000 });
    // Far past SQLite's automatic checkpoint (1,000 pages, about 4 MB), which would have reset the WAL.
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 100; i++) await store.set(`k${i}`, `${i}${big}`);
    expect(walBytes()).toBeGreaterThan(6 * 2 ** 20);
    // The background connection reads what the main-thread connection committed.
    const rows = (await background.scan('SELECT count(*) AS n FROM keyv')) as { n: number }[];
    expect(rows[0]!.n).toBe(100);
    await store.disconnect();
    expect(walBytes()).toBe(0);
    // Nothing was lost on the way into the database file.
    const check = new KeyvSqlite({ uri: `sqlite://${file}` });
    expect(String(await check.get('k99')).startsWith('99x')).toBe(true);
    await check.disconnect();
  });

  it('checkpoint on their own timer', async () => {
    const store = new KeyvSqlite({ uri: `sqlite://${file}` });
    await attachConnections(store, file, { busyTimeoutMs: 1000, checkpointEveryMs: 20 });
    for (let i = 0; i < 20; i++) await store.set(`k${i}`, 'y'.repeat(8192));
    expect(walBytes()).toBeGreaterThan(100_000);
    // Until a checkpoint, the rows live in the WAL only; the timer's checkpoint copies them into the file.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statSync(file).size).toBeGreaterThan(100_000);
    await store.disconnect();
  });
});

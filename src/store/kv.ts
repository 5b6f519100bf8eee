// The key-value backend behind the store: keyv over SQLite by default (WAL journal), or memory.
// Only this file knows which backend is in use.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`. */
  scan<T>(prefix: string): Promise<[string, T][]>;
  close(): Promise<void>;
}

const NAMESPACE = 'ai300';
// Plain JSON: our records hold no Buffers or BigInts, and raw scans can parse rows directly.
const serialize = (data: unknown) => JSON.stringify(data);
const deserialize = <T>(text: string) => JSON.parse(text) as T;

export async function openKeyValue(url: string): Promise<KeyValue> {
  if (url.startsWith('memory:')) return memoryKeyValue();
  if (url.startsWith('sqlite:')) return sqliteKeyValue(url);
  throw new Error(`unsupported STORE_URL "${url}"`);
}

function wrap(keyv: Keyv, scan: KeyValue['scan'], close: () => Promise<void>): KeyValue {
  return {
    get: async <T>(key: string) => (await keyv.get(key)) as T | undefined,
    getMany: async <T>(keys: string[]) => (keys.length === 0 ? [] : ((await keyv.get(keys)) as (T | undefined)[])),
    set: async (key, value) => {
      const ok = await keyv.set(key, value);
      if (!ok) throw new Error(`store refused to write ${key}`);
    },
    delete: async (key) => {
      await keyv.delete(key);
    },
    scan,
    close,
  };
}

function memoryKeyValue(): KeyValue {
  const map = new Map<string, unknown>();
  const keyv = new Keyv({ store: map, namespace: NAMESPACE, serialize, deserialize });
  const scan = async <T>(prefix: string): Promise<[string, T][]> => {
    const full = `${NAMESPACE}:${prefix}`;
    const rows: [string, T][] = [];
    for (const [key, raw] of map) {
      if (!key.startsWith(full)) continue;
      const data = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { value: T };
      rows.push([key.slice(NAMESPACE.length + 1), data.value]);
    }
    return rows;
  };
  return wrap(keyv, scan, async () => keyv.disconnect());
}

async function sqliteKeyValue(url: string): Promise<KeyValue> {
  const path = url.replace(/^sqlite:\/\//, '');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 10_000 });
  // WAL lets readers run while a write commits; NORMAL sync is safe against process crashes in WAL
  // mode and avoids an fsync per answer.
  await sqlite.query('PRAGMA journal_mode = WAL');
  await sqlite.query('PRAGMA synchronous = NORMAL');
  // Backend failures must reach the caller (who tells the user to try again), not vanish into an event.
  const keyv = new Keyv({ store: sqlite, namespace: NAMESPACE, serialize, deserialize, throwOnErrors: true });
  keyv.on('error', () => undefined);
  const scan = async <T>(prefix: string): Promise<[string, T][]> => {
    const full = `${NAMESPACE}:${prefix}`;
    // A key range uses the primary-key index, unlike LIKE.
    const rows = (await sqlite.query('SELECT key, value FROM keyv WHERE key >= ? AND key < ?', full, `${full}\uffff`)) as { key: string; value: string }[];
    return rows.map((row) => [row.key.slice(NAMESPACE.length + 1), (JSON.parse(row.value) as { value: T }).value]);
  };
  const writer = batchWriter(sqlite);
  const kv = wrap(keyv, scan, async () => {
    await writer.drain();
    await sqlite.disconnect();
  });
  return { ...kv, set: (key, value) => writer.set(`${NAMESPACE}:${key}`, serialize({ value })) };
}

/**
 * Groups concurrent writes into one multi-row upsert: a burst of answers costs one statement
 * (one implicit transaction) instead of one per record. Each caller's promise settles when its
 * row is committed, so "awaited" still means "saved". Rows are in keyv's own format.
 */
function batchWriter(sqlite: KeyvSqlite) {
  const MAX_ROWS = 400;
  const queue = new Map<string, { value: string; waiters: { resolve: () => void; reject: (error: unknown) => void }[] }>();
  let flushing: Promise<void> | undefined;

  async function flush(): Promise<void> {
    while (queue.size > 0) {
      const batch = [...queue.entries()].slice(0, MAX_ROWS);
      for (const [key] of batch) queue.delete(key);
      const placeholders = batch.map(() => '(?, ?)').join(', ');
      const params = batch.flatMap(([key, row]) => [key, row.value]);
      try {
        await sqlite.query(`INSERT INTO keyv (key, value) VALUES ${placeholders} ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ...params);
        for (const [, row] of batch) for (const waiter of row.waiters) waiter.resolve();
      } catch (error) {
        for (const [, row] of batch) for (const waiter of row.waiters) waiter.reject(error);
      }
    }
  }

  function schedule(): void {
    flushing ??= new Promise<void>((done) => setImmediate(done))
      .then(flush)
      .finally(() => {
        flushing = undefined;
        // A write that arrived as the last batch finished still needs a flush.
        if (queue.size > 0) schedule();
      });
  }

  return {
    set(key: string, value: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const pending = queue.get(key);
        // A newer value for a queued key replaces it; both callers learn when it is committed.
        if (pending) {
          pending.value = value;
          pending.waiters.push({ resolve, reject });
        } else {
          queue.set(key, { value, waiters: [{ resolve, reject }] });
        }
        schedule();
      });
    },
    async drain(): Promise<void> {
      while (flushing) await flushing;
      if (queue.size > 0) await flush();
    },
  };
}

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
  /** Writes every entry or none of them. */
  setMany(entries: [string, unknown][]): Promise<void>;
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
    // In memory a write cannot fail half-way, so writing one after another is all-or-nothing.
    setMany: async (entries) => {
      for (const [key, value] of entries) {
        const ok = await keyv.set(key, value);
        if (!ok) throw new Error(`store refused to write ${key}`);
      }
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
  const row = ([key, value]: [string, unknown]): [string, string] => [`${NAMESPACE}:${key}`, serialize({ value })];
  return { ...kv, set: (key, value) => writer.write([row([key, value])]), setMany: (entries) => writer.write(entries.map(row)) };
}

/**
 * Groups concurrent writes into one multi-row upsert: a burst of answers costs one statement
 * (one implicit transaction) instead of one per record. A group of rows written together always
 * lands in the same statement, so it is saved whole or not at all, and each caller's promise
 * settles when its rows are committed: "awaited" still means "saved". Rows are in keyv's format.
 */
function batchWriter(sqlite: KeyvSqlite) {
  const MAX_ROWS = 400;
  type Group = { rows: [string, string][]; resolve: () => void; reject: (error: unknown) => void };
  const queue: Group[] = [];
  let flushing: Promise<void> | undefined;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch: Group[] = [];
      let count = 0;
      while (queue.length > 0 && (batch.length === 0 || count + queue[0]!.rows.length <= MAX_ROWS)) {
        const group = queue.shift()!;
        batch.push(group);
        count += group.rows.length;
      }
      // The same key twice in one statement: the later write wins, as it would one by one.
      const latest = new Map<string, string>();
      for (const group of batch) for (const [key, value] of group.rows) latest.set(key, value);
      const params = [...latest].flat();
      try {
        await sqlite.query(`INSERT INTO keyv (key, value) VALUES ${Array(latest.size).fill('(?, ?)').join(', ')} ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ...params);
        for (const group of batch) group.resolve();
      } catch (error) {
        for (const group of batch) group.reject(error);
      }
    }
  }

  function schedule(): void {
    flushing ??= new Promise<void>((done) => setImmediate(done))
      .then(flush)
      .finally(() => {
        flushing = undefined;
        // A write that arrived as the last batch finished still needs a flush.
        if (queue.length > 0) schedule();
      });
  }

  return {
    write(rows: [string, string][]): Promise<void> {
      if (rows.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ rows, resolve, reject });
        schedule();
      });
    },
    async drain(): Promise<void> {
      while (flushing) await flushing;
      if (queue.length > 0) await flush();
    },
  };
}

// The key-value backend behind the store: keyv over SQLite by default (WAL journal), or memory.
// Only this file knows which backend is in use.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { attachConnections } from './sqliteConnections.ts';

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

/** How much stored JSON the SQLite backend keeps in memory for repeat reads (see RecentValues). */
export const RECENT_VALUES_BYTES = 16 * 2 ** 20;

async function sqliteKeyValue(url: string): Promise<KeyValue> {
  const path = url.replace(/^sqlite:\/\//, '');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const busyTimeout = 10_000;
  const sqlite = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout });
  // On a file, queries move to our own connections in WAL mode (see sqliteConnections.ts). A second
  // connection to ':memory:' would be another database, so that one keeps the store's own.
  const background = path === ':memory:' ? undefined : await attachConnections(sqlite, path, { busyTimeoutMs: busyTimeout });
  const recent = new RecentValues(RECENT_VALUES_BYTES);
  // Backend failures must reach the caller (who tells the user to try again), not vanish into an event.
  const keyv = new Keyv({ store: sqlite, namespace: NAMESPACE, serialize, deserialize: recent.deserialize, throwOnErrors: true });
  keyv.on('error', () => undefined);
  const scan = async <T>(prefix: string): Promise<[string, T][]> => {
    const full = `${NAMESPACE}:${prefix}`;
    // A key range uses the primary-key index, unlike LIKE.
    const range = ['SELECT key, value FROM keyv WHERE key >= ? AND key < ?', full, `${full}\uffff`] as const;
    const rows = (await (background ? background.scan(...range) : sqlite.query(...range))) as { key: string; value: string }[];
    return rows.map((row) => [row.key.slice(NAMESPACE.length + 1), (JSON.parse(row.value) as { value: T }).value]);
  };
  const writer = batchWriter(sqlite, recent);
  const storedKey = (key: string) => `${NAMESPACE}:${key}`;
  const row = ([key, value]: [string, unknown]): [string, string] => [storedKey(key), serialize({ value })];

  async function getMany<T>(keys: string[]): Promise<(T | undefined)[]> {
    const values = keys.map((key) => recent.get<T>(storedKey(key)));
    const missing = keys.filter((_, index) => values[index] === undefined);
    if (missing.length === 0) return values;
    const readSince = recent.writes;
    const read = (await keyv.get(missing)) as (T | undefined)[];
    for (const [index, key] of missing.entries()) recent.noteRead(storedKey(key), read[index], readSince);
    let next = 0;
    return values.map((value) => (value === undefined ? read[next++] : value));
  }

  return {
    get: async <T>(key: string) => (await getMany<T>([key]))[0],
    getMany,
    set: (key, value) => writer.write([row([key, value])]),
    setMany: (entries) => writer.write(entries.map(row)),
    delete: async (key) => {
      recent.forget([storedKey(key)]);
      try {
        await keyv.delete(key);
      } finally {
        recent.forget([storedKey(key)]);
      }
    },
    scan,
    close: async () => {
      await writer.drain();
      await sqlite.disconnect();
    },
  };
}

/**
 * Values read or written lately, kept as the JSON text the store holds (so every read returns a
 * fresh object and the memory bound is exact). A repeat read skips a query on the main thread
 * (an answer reads two records before it writes them). Entries only ever come from the database: a
 * committed write, or a read that no write overlapped, so the cache never holds what the
 * database does not. Only valid because this process is the only writer of its store.
 */
export class RecentValues {
  private readonly texts: LRUCache<string, string>;
  /** The text each freshly read object was parsed from, so a read can be remembered as stored. */
  private readonly readTexts = new WeakMap<object, string>();
  /** Counts committed (or failed) writes; a read that saw it change may have read a value being replaced. */
  writes = 0;

  constructor(maxBytes: number) {
    this.texts = new LRUCache({ maxSize: maxBytes, sizeCalculation: (text) => text.length });
  }

  readonly deserialize = <T>(text: string): { value: T } => {
    const data = JSON.parse(text) as { value: T };
    if (typeof data.value === 'object' && data.value !== null) this.readTexts.set(data.value, text);
    return data;
  };

  get<T>(key: string): T | undefined {
    const text = this.texts.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as { value: T }).value;
  }

  noteRead(key: string, value: unknown, writesBefore: number): void {
    if (writesBefore !== this.writes || typeof value !== 'object' || value === null) return;
    const text = this.readTexts.get(value);
    if (text !== undefined) this.texts.set(key, text);
  }

  noteCommitted(rows: Iterable<[string, string]>): void {
    this.writes++;
    for (const [key, text] of rows) this.texts.set(key, text);
  }

  forget(keys: Iterable<string>): void {
    this.writes++;
    for (const key of keys) this.texts.delete(key);
  }
}

/**
 * One upsert of `count` rows, bound as plain parameters (no JSON around the JSON values). Each
 * count is its own statement text, prepared once: batches are mostly one or two answers.
 */
function upsertRows(count: number): string {
  return `INSERT INTO keyv (key, value) VALUES ${Array(count).fill('(?, ?)').join(', ')}
  ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
}

/**
 * Groups concurrent writes into one multi-row upsert: a burst of answers costs one statement
 * (one implicit transaction) instead of one per record. A group of rows written together always
 * lands in the same statement, so it is saved whole or not at all, and each caller's promise
 * settles when its rows are committed: "awaited" still means "saved". Rows are in keyv's format.
 */
function batchWriter(sqlite: KeyvSqlite, recent: RecentValues) {
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
      try {
        await sqlite.query(upsertRows(latest.size), ...[...latest].flat());
        recent.noteCommitted(latest);
        for (const group of batch) group.resolve();
      } catch (error) {
        // The database kept its old values; drop ours rather than guess what they are.
        recent.forget(latest.keys());
        for (const group of batch) group.reject(error);
      }
    }
  }

  // Flushed once the current task's promise callbacks have run: writes made together (a burst of
  // answers already read) share a commit, and no answer waits for the rest of the event loop.
  function schedule(): void {
    flushing ??= Promise.resolve()
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

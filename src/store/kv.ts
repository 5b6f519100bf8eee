// The key-value store behind every record: keyv, over one of our storage adapters, chosen by
// STORE_URL: SQLite (the embedded default), PostgreSQL (several bot processes sharing one
// database) or memory (tests). Only this file knows which one is in use.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import { KeyedQueue } from './keyedQueue.ts';
import type { RowStore, StoredRow } from './rowStore.ts';
import { SqliteRows } from './sqliteRows.ts';

/** Reads and writes of records; inside `atomically`, part of one transaction. */
export interface Records {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  set<T>(key: string, value: T): Promise<void>;
  /** Writes every entry or none of them. */
  setMany(entries: [string, unknown][]): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface KeyValue extends Records {
  /** Every entry whose key starts with `prefix`. */
  scan<T>(prefix: string): Promise<[string, T][]>;
  /**
   * Runs a read-modify-write holding `lockKey` against every other writer, in this process or
   * (on PostgreSQL) another: use `records` inside. Its writes are saved when it returns.
   */
  atomically<T>(lockKey: string, task: (records: Records) => Promise<T>): Promise<T>;
  /** Whether several bot processes may share this store (PostgreSQL) or not (SQLite, memory). */
  readonly sharedAcrossProcesses: boolean;
  close(): Promise<void>;
}

const NAMESPACE = 'ai300';
/** Every stored key starts with keyv's namespace: `ai300:<our key>`. */
export const STORED_KEY_PREFIX = `${NAMESPACE}:`;
// Plain JSON: our records hold no Buffers or BigInts, and scans parse rows directly.
const serialize = (data: unknown) => JSON.stringify(data);
const deserialize = <T>(text: string) => JSON.parse(text) as T;

/** The kinds of STORE_URL, for messages. */
export const STORE_URL_FORMS = 'sqlite://<file>, postgres://<user>:<password>@<host>/<database> or memory://';

export async function openKeyValue(url: string): Promise<KeyValue> {
  return keyValueOver(await openRows(url));
}

export async function openRows(url: string): Promise<RowStore> {
  if (url.startsWith('memory:')) return new MemoryRows();
  if (url.startsWith('sqlite:')) {
    const path = url.replace(/^sqlite:\/\//, '');
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    return new SqliteRows(path);
  }
  if (/^postgres(ql)?:/.test(url)) {
    // Loaded only when used: a bot on SQLite never pays for the PostgreSQL driver.
    const { PostgresRows } = await import('./postgresRows.ts');
    return PostgresRows.connect(url);
  }
  // The URL itself stays out of the message: it may hold a password.
  throw new Error(`unsupported STORE_URL: use ${STORE_URL_FORMS}`);
}

function keyvOver(rows: RowStore): Keyv {
  // Backend failures must reach the caller (who tells the user to try again), not vanish into an event.
  const keyv = new Keyv({ store: rows, namespace: NAMESPACE, serialize, deserialize, throwOnErrors: true });
  keyv.on('error', () => undefined);
  return keyv;
}

/**
 * Reads go through keyv; writes go to the adapter in keyv's format (`namespace:key`, JSON of
 * `{ value }`) in one call: keyv's setMany serializes each entry in a promise of its own, which
 * cost a burst of answers about a fifth of its throughput.
 */
function recordsOver(keyv: Keyv, rows: RowStore): Records {
  const stored = (key: string, value: unknown) => ({ key: STORED_KEY_PREFIX + key, value: serialize({ value }) });
  return {
    get: async <T>(key: string) => (await keyv.get(key)) as T | undefined,
    getMany: async <T>(keys: string[]) => (keys.length === 0 ? [] : ((await keyv.get(keys)) as (T | undefined)[])),
    set: (key, value) => rows.setMany([stored(key, value)]),
    setMany: (entries) => rows.setMany(entries.map(([key, value]) => stored(key, value))),
    delete: async (key) => {
      await keyv.delete(key);
    },
  };
}

export function keyValueOver(rows: RowStore): KeyValue {
  const keyv = keyvOver(rows);
  const records = recordsOver(keyv, rows);
  return {
    ...records,
    scan: async <T>(prefix: string): Promise<[string, T][]> => {
      const found: StoredRow[] = await rows.scanPrefix(STORED_KEY_PREFIX + prefix);
      return found.map((row) => [row.key.slice(STORED_KEY_PREFIX.length), (JSON.parse(row.value) as { value: T }).value]);
    },
    // The adapter hands the task itself when its lock is local, or a transaction's view of the rows.
    atomically: (lockKey, task) => rows.atomically(lockKey, (inside) => task(inside === rows ? records : recordsOver(keyvOver(inside), inside))),
    sharedAcrossProcesses: rows.sharedAcrossProcesses,
    close: () => keyv.disconnect(),
  };
}

/** Rows in a Map, for tests and throwaway runs. */
class MemoryRows extends EventEmitter implements RowStore {
  readonly opts = { dialect: 'memory', url: 'memory://' };
  namespace?: string;
  readonly sharedAcrossProcesses = false;
  private readonly map = new Map<string, string>();
  private readonly locks = new KeyedQueue();

  async get(key: string) {
    return this.map.get(key);
  }
  async getMany(keys: string[]) {
    return keys.map((key) => this.map.get(key));
  }
  async set(key: string, value: string) {
    this.map.set(key, value);
  }
  // In memory a write cannot fail half-way, so writing one after another is all-or-nothing.
  async setMany(entries: { key: string; value: string }[]) {
    for (const { key, value } of entries) this.map.set(key, value);
  }
  async delete(key: string) {
    return this.map.delete(key);
  }
  async clear() {
    this.map.clear();
  }
  async scanPrefix(prefix: string): Promise<StoredRow[]> {
    return [...this.map].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => ({ key, value }));
  }
  atomically<T>(lockKey: string, task: (rows: RowStore) => Promise<T>): Promise<T> {
    return this.locks.run(lockKey, () => task(this));
  }
}

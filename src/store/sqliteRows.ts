// A keyv storage adapter on better-sqlite3, in @keyv/sqlite's file format (table `keyv`, key and
// JSON text), so a store file written by either opens with the other.
// Why its own adapter: queries run synchronously on the main thread, each statement prepared
// once. A driver that hands each query to libuv's thread pool and back cost the event loop
// several milliseconds per wake-up under a burst of answers (most of the bot's p99). In WAL mode
// with synchronous=NORMAL a small commit is a write into the OS page cache, tens of microseconds,
// and survives a crash of this process just the same. Two kinds of work run in a background
// thread instead, where their length cannot stall the loop: scans of a whole server (a
// 10,000-member leaderboard) and checkpoints, the only fsync in this mode.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { KeyedQueue } from './keyedQueue.ts';
import type { RowStore, StoredRow } from './rowStore.ts';

/** How much stored JSON is kept in memory for repeat reads (see RecentValues). */
export const RECENT_VALUES_BYTES = 16 * 2 ** 20;

/**
 * How long a query on the main thread waits for a lock. This process is the file's only writer
 * and WAL readers never block it, so a wait means another process is writing: fail the one
 * request fast rather than freeze every interaction behind it.
 */
const MAIN_THREAD_BUSY_TIMEOUT_MS = 250;

/**
 * Statements kept prepared. The SQL is fixed, and batch upserts have one text per row count
 * (mostly one or two rows); past this many texts, a statement is prepared for that one query.
 */
const MAX_STATEMENTS = 64;

export interface SqliteOptions {
  /** How long the background thread waits for a lock. */
  busyTimeoutMs?: number;
  /** How often the WAL is copied back into the database file, in the background. */
  checkpointEveryMs?: number;
}

export class SqliteRows extends EventEmitter implements RowStore {
  readonly opts: { dialect: 'sqlite'; url: string };
  namespace?: string;
  readonly sharedAcrossProcesses = false;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly recent = new RecentValues(RECENT_VALUES_BYTES);
  private readonly writer: BatchWriter;
  private readonly locks = new KeyedQueue();
  private readonly background?: BackgroundThread;

  constructor(
    readonly path: string,
    options: SqliteOptions = {},
  ) {
    super();
    this.opts = { dialect: 'sqlite', url: `sqlite://${path}` };
    this.db = new Database(path, { timeout: MAIN_THREAD_BUSY_TIMEOUT_MS });
    this.db.exec('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)');
    if (path !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // Checkpoints run in the background thread, never inside a commit on the main thread.
      this.db.pragma('wal_autocheckpoint = 0');
      this.background = new BackgroundThread(path, options.busyTimeoutMs ?? 10_000, options.checkpointEveryMs ?? 500);
    }
    this.writer = new BatchWriter((rows) => this.upsert(rows), this.recent);
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size < MAX_STATEMENTS) this.statements.set(sql, statement);
    }
    return statement;
  }

  private upsert(rows: Map<string, string>): void {
    const sql = `INSERT INTO keyv (key, value) VALUES ${Array(rows.size).fill('(?, ?)').join(', ')}
      ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
    this.prepared(sql).run(...[...rows].flat());
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.getMany([key]))[0];
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    const texts = keys.map((key) => this.recent.get(key));
    const missing = keys.filter((_, index) => texts[index] === undefined);
    if (missing.length === 0) return texts;
    const placeholders = missing.map(() => '?').join(', ');
    const rows = this.prepared(`SELECT key, value FROM keyv WHERE key IN (${placeholders})`).all(...missing) as StoredRow[];
    const found = new Map(rows.map((row) => [row.key, row.value]));
    for (const [key, text] of found) this.recent.set(key, text);
    return keys.map((key, index) => texts[index] ?? found.get(key));
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  set(key: string, value: string): Promise<void> {
    return this.writer.write([[key, value]]);
  }

  /** Written in one statement: all of the entries or none. */
  setMany(entries: { key: string; value: string }[]): Promise<void> {
    return this.writer.write(entries.map(({ key, value }) => [key, value]));
  }

  async delete(key: string): Promise<boolean> {
    return this.deleteMany([key]);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    await this.writer.drain();
    this.recent.forget(keys);
    const result = this.prepared(`DELETE FROM keyv WHERE key IN (${keys.map(() => '?').join(', ')})`).run(...keys);
    return result.changes > 0;
  }

  async clear(): Promise<void> {
    await this.writer.drain();
    this.recent.clear();
    this.prepared('DELETE FROM keyv WHERE key LIKE ?').run(`${this.namespace ?? ''}:%`);
  }

  async scanPrefix(prefix: string): Promise<StoredRow[]> {
    // A key range uses the primary-key index, unlike LIKE.
    const range = ['SELECT key, value FROM keyv WHERE key >= ? AND key < ?', prefix, `${prefix}\uffff`] as const;
    if (this.background) return this.background.all(...range);
    return this.prepared(range[0]).all(range[1], range[2]) as StoredRow[];
  }

  /** One process writes this file, so a lock in this process is a lock on the record. */
  atomically<T>(lockKey: string, task: (rows: RowStore) => Promise<T>): Promise<T> {
    return this.locks.run(lockKey, () => task(this));
  }

  async disconnect(): Promise<void> {
    await this.writer.drain();
    await this.background?.close();
    this.statements.clear();
    this.db.close();
  }
}

/**
 * Values read or written lately, kept as the JSON text the store holds (so every read returns a
 * fresh object and the memory bound is exact). A repeat read skips a query (an answer reads two
 * records before it writes them). Entries only ever come from the database: a committed write,
 * or a read, which is synchronous and so never overlaps a write. Only valid because this process
 * is the only writer of its store.
 */
export class RecentValues {
  private readonly texts: LRUCache<string, string>;

  constructor(maxBytes: number) {
    this.texts = new LRUCache({ maxSize: maxBytes, sizeCalculation: (text) => text.length });
  }

  get(key: string): string | undefined {
    return this.texts.get(key);
  }

  set(key: string, text: string): void {
    this.texts.set(key, text);
  }

  forget(keys: Iterable<string>): void {
    for (const key of keys) this.texts.delete(key);
  }

  clear(): void {
    this.texts.clear();
  }
}

/**
 * Groups concurrent writes into one multi-row upsert: a burst of answers costs one statement
 * (one implicit transaction) instead of one per record. A group of rows written together always
 * lands in the same statement, so it is saved whole or not at all, and each caller's promise
 * settles when its rows are committed: "awaited" still means "saved".
 */
class BatchWriter {
  private static readonly MAX_ROWS = 400;
  private readonly queue: { rows: [string, string][]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly commit: (rows: Map<string, string>) => void,
    private readonly recent: RecentValues,
  ) {}

  write(rows: [string, string][]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.schedule();
    });
  }

  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  // Flushed once the current task's promise callbacks have run: writes made together (a burst of
  // answers already read) share a commit, and no answer waits for the rest of the event loop.
  private schedule(): void {
    this.flushing ??= Promise.resolve()
      .then(() => this.flush())
      .finally(() => {
        this.flushing = undefined;
        // A write that arrived as the last batch finished still needs a flush.
        if (this.queue.length > 0) this.schedule();
      });
  }

  private flush(): void {
    while (this.queue.length > 0) {
      const batch = [this.queue.shift()!];
      let count = batch[0]!.rows.length;
      while (this.queue.length > 0 && count + this.queue[0]!.rows.length <= BatchWriter.MAX_ROWS) {
        const group = this.queue.shift()!;
        batch.push(group);
        count += group.rows.length;
      }
      // The same key twice in one statement: the later write wins, as it would one by one.
      const latest = new Map<string, string>();
      for (const group of batch) for (const [key, value] of group.rows) latest.set(key, value);
      try {
        this.commit(latest);
        for (const [key, text] of latest) this.recent.set(key, text);
        for (const group of batch) group.resolve();
      } catch (error) {
        // The database kept its old values; drop ours rather than guess what they are.
        this.recent.forget(latest.keys());
        for (const group of batch) group.reject(error);
      }
    }
  }
}

// The background thread's code, as plain JavaScript: it must run the same under the compiled
// bot, tsx and the test runner, none of which would load a TypeScript file into a worker.
const BACKGROUND_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
const checkpoint = (mode) => {
  // A failed checkpoint loses nothing (the WAL keeps every commit); the next one tries again.
  try { db.pragma('wal_checkpoint(' + mode + ')'); } catch {}
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.checkpointEveryMs);
parentPort.on('message', (message) => {
  if (message.close) {
    clearInterval(timer);
    checkpoint('TRUNCATE');
    db.close();
    parentPort.postMessage({ id: message.id, rows: [] });
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, rows: db.prepare(message.sql).all(...message.params) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message || error) });
  }
});
`;

/** A second connection in a worker thread, for reads that may be long and for checkpoints. */
class BackgroundThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (rows: StoredRow[]) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(path: string, busyTimeoutMs: number, checkpointEveryMs: number) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(BACKGROUND_SOURCE, { eval: true, workerData: { driver, path, busyTimeoutMs, checkpointEveryMs } });
    this.worker.unref();
    this.worker.on('message', ({ id, rows, error }: { id: number; rows?: StoredRow[]; error?: string }) => {
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (error !== undefined) waiter?.reject(new Error(error));
      else waiter?.resolve(rows ?? []);
    });
    this.worker.on('error', (error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
  }

  private send(message: object): Promise<StoredRow[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  all(sql: string, ...params: unknown[]): Promise<StoredRow[]> {
    return this.send({ sql, params });
  }

  async close(): Promise<void> {
    await this.send({ close: true });
    await this.worker.terminate();
  }
}

// A keyv storage adapter on better-sqlite3, in @keyv/sqlite's file format (table `keyv`, key and
// JSON text), so a store file written by either opens with the other.
// Why its own adapter: queries run synchronously on the main thread, each statement prepared
// once. A driver that hands each query to libuv's thread pool and back cost the event loop
// several milliseconds per wake-up under a burst of answers (most of the bot's p99). In WAL mode
// with synchronous=NORMAL a small commit is a write into the OS page cache, tens of microseconds,
// and survives a crash of this process just the same. Checkpoints, the only fsync in this mode
// (5-10 ms each here), run in a background thread instead, started while the bot is writing and
// let go once it has been idle a while (a thread costs about 12 MB). Scans of a whole server (a
// 10,000-member leaderboard) read in slices, letting other work run between them.
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
  /** How long the background thread stays after the last write. */
  idleThreadMs?: number;
}

/** Rows read per slice of a scan: about a millisecond of work on the main thread. */
const SCAN_SLICE = 1_000;

export class SqliteRows extends EventEmitter implements RowStore {
  readonly opts: { dialect: 'sqlite'; url: string };
  namespace?: string;
  readonly sharedAcrossProcesses = false;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly recent = new RecentValues(RECENT_VALUES_BYTES);
  private readonly writer: BatchWriter;
  private readonly locks = new KeyedQueue();
  private readonly checkpoints?: Checkpoints;

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
      this.checkpoints = new Checkpoints(path, options.busyTimeoutMs ?? 10_000, options.checkpointEveryMs ?? 500, options.idleThreadMs ?? 60_000);
    }
    this.writer = new BatchWriter((rows) => {
      this.upsert(rows);
      this.checkpoints?.noteWrite();
    }, this.recent);
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
    this.checkpoints?.noteWrite();
    return result.changes > 0;
  }

  async clear(): Promise<void> {
    await this.writer.drain();
    this.recent.clear();
    this.prepared('DELETE FROM keyv WHERE key LIKE ?').run(`${this.namespace ?? ''}:%`);
  }

  /**
   * Reads in slices by key (a key range uses the primary-key index, unlike LIKE), yielding to
   * other work between them. A write between slices is seen or not depending on its key, as with
   * any read that overlaps a write; the leaderboard cache applies writes made during its load.
   */
  async scanPrefix(prefix: string): Promise<StoredRow[]> {
    const slice = (from: '>=' | '>') => this.prepared(`SELECT key, value FROM keyv WHERE key ${from} ? AND key < ? ORDER BY key LIMIT ${SCAN_SLICE}`);
    const rows: StoredRow[] = [];
    let after: string | undefined;
    for (;;) {
      const found = (after === undefined ? slice('>=').all(prefix, `${prefix}\uffff`) : slice('>').all(after, `${prefix}\uffff`)) as StoredRow[];
      rows.push(...found);
      if (found.length < SCAN_SLICE) return rows;
      after = found.at(-1)!.key;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Whether the checkpoint thread is running (it starts with writes and stops when idle). */
  get checkpointThreadRunning(): boolean {
    return this.checkpoints?.threadRunning ?? false;
  }

  /** One process writes this file, so a lock in this process is a lock on the record. */
  atomically<T>(lockKey: string, task: (rows: RowStore) => Promise<T>): Promise<T> {
    return this.locks.run(lockKey, () => task(this));
  }

  async disconnect(): Promise<void> {
    await this.writer.drain();
    await this.checkpoints?.close();
    // Leaves the database file whole and the WAL empty.
    if (this.checkpoints) this.db.pragma('wal_checkpoint(TRUNCATE)');
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
const CHECKPOINT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
db.pragma('cache_size = -256');
parentPort.on('message', () => {
  // A failed checkpoint loses nothing (the WAL keeps every commit); the next one tries again.
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  parentPort.postMessage('done');
});
`;

/**
 * Copies the WAL back into the database file every `everyMs` while there are new writes, on a
 * connection in a worker thread that exists while the store is being written to.
 */
class Checkpoints {
  private worker?: Worker;
  private running?: Promise<void>;
  private dirty = false;
  private lastWriteAt = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly path: string,
    private readonly busyTimeoutMs: number,
    everyMs: number,
    private readonly idleMs: number,
  ) {
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  get threadRunning(): boolean {
    return this.worker !== undefined;
  }

  noteWrite(): void {
    this.dirty = true;
    this.lastWriteAt = Date.now();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    if (this.dirty) {
      this.dirty = false;
      this.running = this.checkpoint().finally(() => (this.running = undefined));
    } else if (this.worker && Date.now() - this.lastWriteAt > this.idleMs) {
      const idle = this.worker;
      this.worker = undefined;
      await idle.terminate();
    }
  }

  private checkpoint(): Promise<void> {
    if (!this.worker) {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      this.worker = new Worker(CHECKPOINT_SOURCE, { eval: true, workerData: { driver, path: this.path, busyTimeoutMs: this.busyTimeoutMs } });
      this.worker.unref();
      // A thread that fails takes its checkpoints with it; the next tick starts a new one.
      this.worker.on('error', () => (this.worker = undefined));
    }
    const worker = this.worker;
    return new Promise<void>((resolve) => {
      const done = () => {
        worker.off('message', done);
        worker.off('exit', done);
        resolve();
      };
      worker.once('message', done);
      worker.once('exit', done);
      worker.postMessage('checkpoint');
    });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

// @keyv/sqlite runs every query through sqlite3, which hands each call to libuv's thread pool and
// back. Measured under a burst of answers, waking a pool thread could cost the event loop several
// milliseconds (the OS lets the woken thread run first, and on a busy machine the loop waits its
// turn): that was most of the bot's p99 latency. So @keyv/sqlite keeps its table and its SQL, and
// its queries run on better-sqlite3 instead: synchronous, on the main thread, each statement
// prepared once. In WAL mode with synchronous=NORMAL a small commit is a write into the OS page
// cache, tens of microseconds, and it survives a crash of this process just the same.
// Two kinds of work stay on sqlite3's thread pool, where their length cannot stall the loop:
// scans of a whole server (a 10,000-member leaderboard) and checkpoints, the only fsync in this mode.
import type KeyvSqlite from '@keyv/sqlite';
import Database from 'better-sqlite3';
import sqlite3 from 'sqlite3';

type Query = (sql: string, ...params: unknown[]) => Promise<unknown[]>;

/**
 * Statements kept prepared. keyv's SQL is fixed, and batch upserts have one text per row count
 * (mostly one or two rows); past this many texts, a statement is prepared for that one query
 * rather than grow the cache.
 */
const MAX_STATEMENTS = 64;

export interface ConnectionOptions {
  /** How long the background connection waits for a lock. */
  busyTimeoutMs: number;
  /** How often the WAL is copied back into the database file, off the main thread. */
  checkpointEveryMs?: number;
}

/**
 * How long a query on the main thread waits for a lock. This process is the file's only writer
 * and WAL readers never block it, so a wait means another process is writing: fail the one
 * request fast rather than freeze every interaction behind it.
 */
const MAIN_THREAD_BUSY_TIMEOUT_MS = 250;

export interface BackgroundConnection {
  /** A read that may be long, run on the thread pool. */
  scan(sql: string, ...params: unknown[]): Promise<unknown[]>;
}

function openAsync(path: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(db)));
  });
}

function allAsync(db: sqlite3.Database, sql: string, params: unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))));
}

/**
 * Moves a KeyvSqlite onto our connections: its queries on a synchronous one, plus a background one
 * for scans and checkpoints. Waits for the store's own connection to create the table (and set WAL
 * mode, which the file remembers), then closes that connection.
 */
export async function attachConnections(store: KeyvSqlite, path: string, options: ConnectionOptions): Promise<BackgroundConnection> {
  const { busyTimeoutMs, checkpointEveryMs = 500 } = options;
  const ownQuery = store.query as Query;
  await ownQuery('SELECT 1 FROM keyv LIMIT 0');
  await ownQuery('PRAGMA journal_mode = WAL');
  await store.close();

  const db = new Database(path, { timeout: MAIN_THREAD_BUSY_TIMEOUT_MS });
  db.pragma('synchronous = NORMAL');
  // Checkpoints run in the background (below), never inside a commit on the main thread.
  db.pragma('wal_autocheckpoint = 0');
  const background = await openAsync(path);
  background.configure('busyTimeout', busyTimeoutMs);

  const statements = new Map<string, Database.Statement>();
  function prepared(sql: string): Database.Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size < MAX_STATEMENTS) statements.set(sql, statement);
    }
    return statement;
  }

  // A failure (bad SQL, a full disk, a closed database) becomes a rejection, as keyv expects.
  const query: Query = async (sql, ...params) => {
    const statement = prepared(sql);
    if (statement.reader) return statement.all(...params);
    statement.run(...params);
    return [];
  };

  let checkpointing: Promise<unknown> | undefined;
  const checkpoint = (mode: 'PASSIVE' | 'TRUNCATE') => {
    // A failed checkpoint loses nothing (the WAL keeps every commit); the next one tries again.
    checkpointing ??= allAsync(background, `PRAGMA wal_checkpoint(${mode})`, [])
      .catch(() => undefined)
      .finally(() => (checkpointing = undefined));
    return checkpointing;
  };
  const timer = setInterval(() => void checkpoint('PASSIVE'), checkpointEveryMs);
  timer.unref();

  const close = async (): Promise<void> => {
    clearInterval(timer);
    await checkpointing;
    await checkpoint('TRUNCATE');
    await new Promise<void>((resolve, reject) => background.close((error) => (error ? reject(error) : resolve())));
    statements.clear();
    db.close();
  };

  Object.assign(store, { query, close });
  return { scan: (sql, ...params) => allAsync(background, sql, params) };
}

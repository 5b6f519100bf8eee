// @keyv/sqlite runs every query as sqlite3's db.all(sql): a statement prepared, run and
// finalized per call. That is three hand-offs between the main thread and SQLite's worker per
// query, and the finalize runs on the main thread under the connection's lock, so it can wait
// for whatever a worker is writing. Under a burst of answers this was most of the store's cost
// on the event loop. Here @keyv/sqlite keeps its table and its SQL, and its queries run on
// statements prepared once per SQL text and reused: one hand-off per query, no finalize.
import type KeyvSqlite from '@keyv/sqlite';
import sqlite3 from 'sqlite3';

type Query = (sql: string, ...params: unknown[]) => Promise<unknown[]>;

/** Our SQL texts are fixed, so this never fills; past it, a query runs unprepared rather than grow the cache. */
const MAX_STATEMENTS = 64;

function openDatabase(path: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(db)));
  });
}

/**
 * Moves a KeyvSqlite onto a connection of ours whose statements are reused. Waits for the store's
 * own connection to create the table, then closes that connection.
 */
export async function reuseStatements(store: KeyvSqlite, path: string, busyTimeoutMs: number): Promise<void> {
  const ownQuery = store.query as Query;
  await ownQuery('SELECT 1 FROM keyv LIMIT 0');
  await store.close();

  const db = await openDatabase(path);
  db.configure('busyTimeout', busyTimeoutMs);
  const statements = new Map<string, Promise<sqlite3.Statement>>();

  // Run only once prepared: sqlite3 never calls back a query queued on a statement that failed to prepare.
  function prepared(sql: string): Promise<sqlite3.Statement> {
    let statement = statements.get(sql);
    if (!statement) {
      statement = new Promise((resolve, reject) => {
        const created = db.prepare(sql, (error) => (error ? reject(error) : resolve(created)));
      });
      statements.set(sql, statement);
      // Prepare it afresh next time rather than keep the failure.
      statement.catch(() => statements.delete(sql));
    }
    return statement;
  }

  const all = (run: (done: (error: Error | null, rows: unknown[]) => void) => void) =>
    new Promise<unknown[]>((resolve, reject) => run((error, rows) => (error ? reject(error) : resolve(rows))));

  const query: Query = async (sql, ...params) => {
    if (!statements.has(sql) && statements.size >= MAX_STATEMENTS) return all((done) => db.all(sql, params, done));
    const statement = await prepared(sql);
    return all((done) => statement.all(params, done));
  };

  const close = async (): Promise<void> => {
    const open = await Promise.allSettled(statements.values());
    statements.clear();
    for (const result of open) {
      if (result.status === 'fulfilled') await new Promise<void>((done) => result.value.finalize(() => done()));
    }
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  };

  Object.assign(store, { query, close });
}

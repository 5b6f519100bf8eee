// Copies every record from one store to another (SQLite to PostgreSQL when a bot grows into
// shards), as stored text, then checks that the target holds each one unchanged. Writes are
// upserts, so running it again (after a failure, or to catch up) is safe.
import { existsSync } from 'node:fs';
import { STORED_KEY_PREFIX, openRows } from './kv.ts';
import type { StoredRow } from './rowStore.ts';

export interface CopyReport {
  copied: number;
  /** Records in the target that differ from the source after the copy (0 when it worked). */
  mismatched: string[];
}

const BATCH = 500;

export async function copyStore(fromUrl: string, toUrl: string, progress: (copied: number, total: number) => void = () => undefined): Promise<CopyReport> {
  if (fromUrl === toUrl) throw new Error('--from and --to are the same store');
  const sourceFile = /^sqlite:\/\/(.+)$/.exec(fromUrl)?.[1];
  if (sourceFile && !existsSync(sourceFile)) throw new Error(`there is no SQLite store at ${sourceFile}`);
  const from = await openRows(fromUrl);
  try {
    const to = await openRows(toUrl);
    try {
      const rows: StoredRow[] = await from.scanPrefix(STORED_KEY_PREFIX);
      for (let start = 0; start < rows.length; start += BATCH) {
        await to.setMany(rows.slice(start, start + BATCH));
        progress(Math.min(start + BATCH, rows.length), rows.length);
      }
      const mismatched: string[] = [];
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        const stored = await to.getMany(batch.map((row) => row.key));
        batch.forEach((row, i) => {
          if (stored[i] !== row.value) mismatched.push(row.key);
        });
      }
      return { copied: rows.length, mismatched };
    } finally {
      await to.disconnect?.();
    }
  } finally {
    await from.disconnect?.();
  }
}

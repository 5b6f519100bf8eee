// A StudyStore on a real SQLite file in a fresh temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainId, MissTag } from '../../src/content/ids.ts';
import { openKeyValue } from '../../src/store/kv.ts';
import { StudyStore, type AnswerInput } from '../../src/store/studyStore.ts';

export interface TempStore {
  dir: string;
  file: string;
  open(): Promise<StudyStore>;
  /** Closes every store opened here and deletes the folder. */
  cleanup(): Promise<void>;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'ai300-store-'));
  const file = join(dir, 'x.sqlite');
  const opened: StudyStore[] = [];
  const closed = new WeakSet<StudyStore>();
  return {
    dir,
    file,
    async open() {
      const store = new StudyStore(await openKeyValue(`sqlite://${file}`));
      const close = store.close.bind(store);
      store.close = async () => {
        if (closed.has(store)) return;
        closed.add(store);
        await close();
      };
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function answer(over: Partial<AnswerInput> & { domain?: DomainId; tags?: MissTag[] } = {}): AnswerInput {
  return {
    questionId: 'quality-001',
    domain: 'quality',
    tags: ['quality'],
    correct: true,
    letter: 'A',
    source: 'quiz',
    now: new Date('2026-03-04T12:00:00Z'),
    ...over,
  };
}

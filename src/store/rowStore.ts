// Our keyv storage adapters: keyv's adapter contract (get, getMany, set, setMany, delete, clear,
// with the serialized text as values, and error events), plus a prefix scan and a lock on a
// record that holds across every process sharing the store.
import type { EventEmitter } from 'node:events';

export interface StoredRow {
  key: string;
  value: string;
}

export interface RowStore extends EventEmitter {
  opts: { dialect: string; url: string };
  namespace?: string;
  get(key: string): Promise<string | undefined>;
  getMany(keys: string[]): Promise<(string | undefined)[]>;
  set(key: string, value: string): Promise<void>;
  /** All of the entries or none. */
  setMany(entries: { key: string; value: string }[]): Promise<void>;
  delete(key: string): Promise<boolean>;
  clear(): Promise<void>;
  disconnect?(): Promise<void>;
  /** Every row whose (namespaced) key starts with `prefix`. */
  scanPrefix(prefix: string): Promise<StoredRow[]>;
  /**
   * Runs `task` holding `lockKey` against every other holder, in this process or another. On a
   * shared database the task's reads and writes go through `rows`, one transaction committed when
   * the task returns (and rolled back when it throws).
   */
  atomically<T>(lockKey: string, task: (rows: RowStore) => Promise<T>): Promise<T>;
  /** Whether several bot processes may use this store at once. */
  readonly sharedAcrossProcesses: boolean;
}

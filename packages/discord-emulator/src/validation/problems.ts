// Small collector for explicit limit checks, producing FieldErrors in Discord's vocabulary.
import type { FieldError } from '../errors.ts';

export type Path = (string | number)[];

export class Problems {
  readonly list: FieldError[] = [];

  add(path: Path, code: string, message: string): void {
    this.list.push({ path, code, message });
  }

  /** Length check for an optional string (or array); `min` applies only when the value is present. */
  length(path: Path, value: unknown, max: number, min = 0): void {
    if (value === undefined || value === null) return;
    const length = typeof value === 'string' ? codePointLength(value) : Array.isArray(value) ? value.length : undefined;
    if (length === undefined) return;
    if (length > max || length < min) {
      const message = min > 0 ? `Must be between ${min} and ${max} in length.` : `Must be ${max} or fewer in length.`;
      this.add(path, min > 0 ? 'BASE_TYPE_BAD_LENGTH' : 'BASE_TYPE_MAX_LENGTH', message);
    }
  }

  required(path: Path, value: unknown): boolean {
    if (value === undefined || value === null) {
      this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return false;
    }
    return true;
  }

  get ok(): boolean {
    return this.list.length === 0;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Characters as Discord counts them (code points). */
export const charCount = (value: unknown): number => (typeof value === 'string' ? codePointLength(value) : 0);

/**
 * A string's length in characters (code points), as Discord counts its limits: the same as
 * [...text].length without building that array, which for every field of every message was most
 * of what the emulator allocated.
 */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      count--; // a surrogate pair is one character
      i++;
    }
  }
  return count;
}

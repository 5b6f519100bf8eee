// Small measuring helpers shared by the benchmark scenarios.
export interface Figure {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  floor?: number;
  /** value / floor, where a floor exists. */
  ratio?: number;
  target?: string;
  met?: boolean;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarize(samples: number[]): { p50: number; p95: number; p99: number; max: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, count: sorted.length };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export type Size = 'full' | 'smoke';

/**
 * When the footprint reads a bot's memory after ready: early (start-up's garbage and the young
 * generation start-up grew are still there) and settled (V8's memory reducer runs about 8 s after
 * a process goes idle and gives them back; 30 s leaves it room on a busy machine).
 */
export const EARLY_MS = 2_000;
export const SETTLED_MS = 30_000;

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

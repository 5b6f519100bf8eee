// Randomness is passed in, so tests can seed it.
export type Random = () => number;

/** mulberry32: a small, fast, seedable generator for tests and simulations. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one item with probability proportional to its weight (weights must be >= 0). */
export function weightedPick<T>(items: readonly T[], weightOf: (item: T) => number, random: Random): T | undefined {
  const weights = items.map((item) => Math.max(0, weightOf(item)));
  const total = weights.reduce((a, b) => a + b, 0);
  if (items.length === 0) return undefined;
  if (total <= 0) return items[Math.floor(random() * items.length)];
  let roll = random() * total;
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i]!;
    if (roll < 0) return items[i];
  }
  return items[items.length - 1];
}

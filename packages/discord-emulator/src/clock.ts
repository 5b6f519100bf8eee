// The emulator's notion of "now". Interaction deadlines, token expiry, timestamps and snowflakes
// use it, so a test can jump 15 minutes ahead without waiting. Rate-limit windows deliberately
// use real time instead, because discord.js measures them with Date.now().

export interface Clock {
  now(): number;
  /** Moves emulator time forward (only affects the default clock; an injected now() owns its time). */
  advance(ms: number): void;
}

export function createClock(injectedNow?: () => number): Clock {
  let offset = 0;
  const base = injectedNow ?? Date.now;
  return {
    now: () => base() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceTime expects a positive number of ms, got ${ms}`);
      offset += ms;
    },
  };
}

const DISCORD_EPOCH = 1420070400000n;

/** Snowflakes from the emulator clock: time-ordered, so `before`/`after` pagination works. */
export function createSnowflakeGenerator(clock: Clock): () => string {
  let lastMs = 0n;
  let increment = 0n;
  return () => {
    let ms = BigInt(Math.floor(clock.now())) - DISCORD_EPOCH;
    if (ms <= lastMs) {
      ms = lastMs;
      increment += 1n;
      if (increment > 4095n) {
        ms += 1n;
        increment = 0n;
      }
    } else {
      increment = 0n;
    }
    lastMs = ms;
    return ((ms << 22n) | (1n << 17n) | increment).toString();
  };
}

/** Timestamp a snowflake encodes, in ms. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

// Discord-style rate limits: a global per-token limit (interaction callbacks exempt) and
// per-route buckets keyed by the major parameter, reported through the X-RateLimit-* headers
// that @discordjs/rest reads. Uses real time because discord.js schedules with Date.now().
import { createHash } from 'node:crypto';
import type { BucketKind } from './router.ts';

export interface BucketModel {
  limit: number;
  windowMs: number;
}

export interface RateLimitSettings {
  /** Requests per second per bot token (Discord: 50). */
  globalPerSecond: number;
  /** Any route without a specific model. */
  defaultBucket: BucketModel;
  /** POST /channels/:id/messages, per channel. */
  messageCreate: BucketModel;
  /** PATCH /channels/:id/messages/:id, per channel. */
  messageEdit: BucketModel;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  globalPerSecond: 50,
  defaultBucket: { limit: 50, windowMs: 1000 },
  messageCreate: { limit: 5, windowMs: 5000 },
  messageEdit: { limit: 5, windowMs: 5000 },
};

export interface RateLimited {
  retryAfterMs: number;
  global: boolean;
  scope: 'user' | 'global' | 'shared';
}

export interface RateLimitDecision {
  headers: Record<string, string>;
  limited?: RateLimited;
}

interface BucketState {
  remaining: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly globalWindows = new Map<string, { start: number; count: number }>();
  private readonly buckets = new Map<string, BucketState>();

  constructor(public settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {}

  /** Global limit for authenticated requests. */
  checkGlobal(token: string, now = Date.now()): RateLimited | undefined {
    let window = this.globalWindows.get(token);
    if (!window || now - window.start >= 1000) {
      window = { start: now, count: 0 };
      this.globalWindows.set(token, window);
    }
    if (window.count >= this.settings.globalPerSecond) {
      return { retryAfterMs: window.start + 1000 - now, global: true, scope: 'global' };
    }
    window.count++;
    return undefined;
  }

  /** Consumes one request from the route bucket `${routeKey}` for `majorKey`. */
  checkBucket(kind: BucketKind, routeKey: string, majorKey: string, now = Date.now()): RateLimitDecision {
    const model = this.model(kind);
    if (!model) return { headers: {} };
    const bucketId = kind === 'default' ? routeKey : kind;
    const key = `${bucketId}|${majorKey}`;
    let state = this.buckets.get(key);
    if (!state || now >= state.resetAt) {
      state = { remaining: model.limit, resetAt: now + model.windowMs };
      this.buckets.set(key, state);
    }
    const limited = state.remaining <= 0;
    if (!limited) state.remaining--;
    const headers = {
      'X-RateLimit-Limit': String(model.limit),
      'X-RateLimit-Remaining': String(state.remaining),
      'X-RateLimit-Reset': (state.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': ((state.resetAt - now) / 1000).toFixed(3),
      'X-RateLimit-Bucket': bucketHash(bucketId),
    };
    return limited ? { headers, limited: { retryAfterMs: state.resetAt - now, global: false, scope: 'user' } } : { headers };
  }

  reset(): void {
    this.globalWindows.clear();
    this.buckets.clear();
  }

  private model(kind: BucketKind): BucketModel | undefined {
    switch (kind) {
      case 'none':
        return undefined;
      case 'message-create':
        return this.settings.messageCreate;
      case 'message-edit':
        return this.settings.messageEdit;
      default:
        return this.settings.defaultBucket;
    }
  }
}

export function bucketHash(bucketId: string): string {
  return createHash('sha1').update(bucketId).digest('hex').slice(0, 32);
}

/** Headers and body of a 429, as Discord sends them (Retry-After in seconds, may be fractional here). */
export function rateLimitResponse(limited: RateLimited, baseHeaders: Record<string, string> = {}) {
  const seconds = Math.max(0, limited.retryAfterMs) / 1000;
  const headers: Record<string, string> = {
    ...baseHeaders,
    'Retry-After': seconds.toFixed(3),
    'X-RateLimit-Scope': limited.scope,
  };
  if (limited.global) headers['X-RateLimit-Global'] = 'true';
  return {
    headers,
    body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global: limited.global, code: 0 },
  };
}

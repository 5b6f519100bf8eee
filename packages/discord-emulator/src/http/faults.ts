// Runtime fault injection for REST: forced 429s (route or global), forced 5xx, added latency.
// Injected failures are logged as `injected` and never count as violations.

export interface RouteMatcher {
  /** HTTP method, e.g. 'POST'. Any when omitted. */
  method?: string;
  /** Route template as in the route table, e.g. '/channels/:channelId/messages'. */
  route?: string;
  /** Matched against the concrete path after /api/v10 (substring or RegExp). */
  path?: string | RegExp;
}

export interface RateLimitFault extends RouteMatcher {
  retryAfterMs: number;
  /** Answer as a global rate limit (X-RateLimit-Global). */
  global?: boolean;
  /** Number of matching requests to reject (default 1). */
  count?: number;
}

export interface ServerErrorFault extends RouteMatcher {
  /** Default 500. */
  status?: number;
  count?: number;
}

export interface LatencyFault extends RouteMatcher {
  ms: number;
  /** Number of matching requests to delay; unlimited when omitted. */
  count?: number;
}

export interface RequestInfo {
  method: string;
  route: string;
  path: string;
}

type Pending<T> = T & { remaining: number };

export type InjectedFailure = { kind: 'rate-limit'; retryAfterMs: number; global: boolean } | { kind: 'server-error'; status: number };

export class FaultInjector {
  private readonly failures: Pending<(RateLimitFault & { kind: 'rate-limit' }) | (ServerErrorFault & { kind: 'server-error' })>[] = [];
  private readonly latencies: Pending<LatencyFault>[] = [];

  /** The next `count` matching requests get a 429 with the given retry_after. */
  rateLimit(fault: RateLimitFault): void {
    this.failures.push({ ...fault, kind: 'rate-limit', remaining: fault.count ?? 1 });
  }

  /** The next `count` matching requests get a 5xx. */
  serverError(fault: ServerErrorFault = {}): void {
    this.failures.push({ ...fault, kind: 'server-error', remaining: fault.count ?? 1 });
  }

  /** Delays matching requests; returns a function that removes the delay. */
  latency(fault: LatencyFault): () => void {
    const entry = { ...fault, remaining: fault.count ?? Number.POSITIVE_INFINITY };
    this.latencies.push(entry);
    return () => {
      const index = this.latencies.indexOf(entry);
      if (index >= 0) this.latencies.splice(index, 1);
    };
  }

  clear(): void {
    this.failures.length = 0;
    this.latencies.length = 0;
  }

  /** Pending injected failures (for assertions that a fault was consumed). */
  get pendingFailures(): number {
    return this.failures.reduce((sum, f) => sum + f.remaining, 0);
  }

  takeLatency(request: RequestInfo): number {
    let total = 0;
    for (const entry of [...this.latencies]) {
      if (!matches(entry, request)) continue;
      total += entry.ms;
      entry.remaining--;
      if (entry.remaining <= 0) this.latencies.splice(this.latencies.indexOf(entry), 1);
    }
    return total;
  }

  takeFailure(request: RequestInfo): InjectedFailure | undefined {
    const entry = this.failures.find((f) => matches(f, request));
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.failures.splice(this.failures.indexOf(entry), 1);
    return entry.kind === 'rate-limit'
      ? { kind: 'rate-limit', retryAfterMs: entry.retryAfterMs, global: entry.global ?? false }
      : { kind: 'server-error', status: entry.status ?? 500 };
  }
}

function matches(matcher: RouteMatcher, request: RequestInfo): boolean {
  if (matcher.method && matcher.method.toUpperCase() !== request.method) return false;
  if (matcher.route && matcher.route !== request.route) return false;
  if (matcher.path instanceof RegExp) return matcher.path.test(request.path);
  if (typeof matcher.path === 'string') return request.path.includes(matcher.path);
  return true;
}

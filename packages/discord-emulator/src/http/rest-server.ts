// The REST request pipeline: route match, auth, injected faults, rate limits, body parsing,
// handler, Discord-shaped errors. Every rejection that was not injected becomes a violation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordHttpError, notFound, unauthorized } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import { parseBody, readBody } from './body.ts';
import type { FaultInjector } from './faults.ts';
import { rateLimitResponse, type RateLimiter } from './rate-limits.ts';
import { summarizeBody, type RequestLog } from './request-log.ts';
import type { RouteDef, Router } from './router.ts';

export const API_PREFIX = '/api/v10';

export interface RestDeps {
  state: EmulatorState;
  router: Router;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  log: RequestLog;
}

interface Outcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  violation?: boolean;
  injected?: 'rate-limit' | 'server-error';
}

/** Attachment URLs look like Discord's CDN: `/attachments/<channel id>/<attachment id>/<file name>`. */
const ATTACHMENT_PATH = /^\/attachments\/\d+\/(\d+)\/[^/]+$/;

export function attachmentIdFromUrl(url: string): string | undefined {
  try {
    return ATTACHMENT_PATH.exec(new URL(url, 'http://emulator.invalid').pathname)?.[1];
  } catch {
    return undefined;
  }
}

/** Serves an attachment's bytes, as the CDN would (no auth, no rate limit). */
function serveAttachment(deps: RestDeps, url: URL, res: ServerResponse): void {
  const id = attachmentIdFromUrl(url.pathname);
  const stored = id ? deps.state.attachments.get(id) : undefined;
  if (!stored) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not Found');
    return;
  }
  res.writeHead(200, { 'Content-Type': stored.contentType, 'Content-Length': String(stored.data.length) });
  res.end(stored.data);
}

export function createRestHandler(deps: RestDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (method === 'GET' && url.pathname.startsWith('/attachments/')) return serveAttachment(deps, url, res);
    let routePath = '(unmatched)';
    let raw = '';
    let outcome: Outcome;
    try {
      const buffer = await readBody(req);
      raw = buffer.length > 0 && !req.headers['content-type']?.startsWith('multipart/') ? buffer.toString('utf8') : '';
      outcome = await handleApiRequest(
        deps,
        req,
        method,
        url,
        buffer,
        (route) => (routePath = route),
        (text) => (raw = text),
      );
    } catch (error) {
      outcome = errorOutcome(error);
    }
    send(res, outcome);
    const time = deps.state.clock.now();
    deps.log.logRequest({
      time,
      method,
      path: url.pathname,
      route: routePath,
      status: outcome.status,
      durationMs: Math.round(performance.now() - started),
      ...(outcome.injected ? { injected: outcome.injected } : {}),
    });
    if (outcome.violation) {
      deps.log.addViolation({
        kind: 'request',
        time,
        method,
        path: url.pathname,
        route: routePath,
        status: outcome.status,
        error: (outcome.body ?? { message: String(outcome.status) }) as never,
        body: summarizeBody(raw),
      });
    }
  };
}

async function handleApiRequest(
  deps: RestDeps,
  req: IncomingMessage,
  method: string,
  url: URL,
  buffer: Buffer,
  setRoute: (route: string) => void,
  setRaw: (raw: string) => void,
): Promise<Outcome> {
  if (!url.pathname.startsWith(`${API_PREFIX}/`)) return errorOutcome(notFound());
  const apiPath = url.pathname.slice(API_PREFIX.length);
  const match = deps.router.match(method, apiPath);
  if (match === undefined) return errorOutcome(notFound());
  if (match === 'method-not-allowed') return errorOutcome(new DiscordHttpError(405, 0, '405: Method Not Allowed'));
  const { route, params } = match;
  setRoute(route.path);
  const request = { method, route: route.path, path: apiPath };

  const delay = deps.faults.takeLatency(request);
  if (delay > 0) await sleep(delay);

  if (route.auth === 'bot' && req.headers.authorization !== `Bot ${deps.state.settings.token}`) {
    return errorOutcome(unauthorized());
  }

  const injected = deps.faults.takeFailure(request);
  if (injected?.kind === 'rate-limit') {
    const limited = { retryAfterMs: injected.retryAfterMs, global: injected.global, scope: injected.global ? 'global' : 'user' } as const;
    const { headers, body } = rateLimitResponse(limited);
    return { status: 429, headers, body, injected: 'rate-limit' };
  }
  if (injected?.kind === 'server-error') {
    return { status: injected.status, body: { message: '500: Internal Server Error', code: 0 }, injected: 'server-error' };
  }

  if (route.auth === 'bot' && !route.globalExempt) {
    const limited = deps.rateLimiter.checkGlobal(deps.state.settings.token);
    if (limited) return { status: 429, ...rateLimitResponse(limited), violation: true };
  }
  const bucket = deps.rateLimiter.checkBucket(route.bucket ?? 'default', `${method} ${route.path}`, majorKey(route, params));
  if (bucket.limited) return { status: 429, ...rateLimitResponse(bucket.limited, bucket.headers), violation: true };

  try {
    const receivedAt = deps.state.clock.now();
    const parsed = await parseBody(buffer, req.headers['content-type']);
    if (parsed.raw) setRaw(parsed.raw);
    const result = await route.handle({ state: deps.state, params, query: url.searchParams, body: parsed.body, files: parsed.files, receivedAt });
    const status = result.status ?? (result.body === undefined ? 204 : 200);
    return { status, body: result.body, headers: bucket.headers };
  } catch (error) {
    return { ...errorOutcome(error), headers: bucket.headers };
  }
}

/** Discord's major parameters: requests to different channels/guilds/webhooks have separate buckets. */
function majorKey(route: RouteDef, params: Record<string, string>): string {
  if (params.channelId) return `channel:${params.channelId}`;
  if (params.guildId) return `guild:${params.guildId}`;
  if (params.webhookId) return `webhook:${params.webhookId}:${params.token ?? ''}`;
  return route.auth === 'bot' ? 'global' : 'anonymous';
}

function errorOutcome(error: unknown): Outcome {
  if (error instanceof DiscordHttpError) return { status: error.status, body: error.toBody(), violation: true };
  const message = error instanceof Error ? error.message : String(error);
  // An exception here is an emulator bug or an unparseable request; surface it loudly.
  return { status: 500, body: { code: 0, message: `Emulator error: ${message}` }, violation: true };
}

function send(res: ServerResponse, outcome: Outcome): void {
  const headers: Record<string, string> = { ...(outcome.headers ?? {}) };
  if (outcome.status === 204 || outcome.body === undefined) {
    res.writeHead(outcome.status === 200 ? 204 : outcome.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(outcome.body);
  headers['Content-Type'] = 'application/json';
  res.writeHead(outcome.status, headers);
  res.end(text);
}

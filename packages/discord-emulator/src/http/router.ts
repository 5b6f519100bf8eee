// Route table types and path matching for `/api/v10/...`.
import type { UploadedFile } from '../messages/message-builder.ts';
import type { EmulatorState } from '../state.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  state: EmulatorState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  /** Emulator-clock time the request arrived (deadlines are judged on arrival, not after validation). */
  receivedAt: number;
}

export interface RouteResponse {
  status?: number;
  body?: unknown;
}

/** Which per-route bucket model applies (see rate-limits.ts). */
export type BucketKind = 'default' | 'message-create' | 'message-edit' | 'none';

export interface RouteDef {
  method: HttpMethod;
  /** Template such as /channels/:channelId/messages/:messageId. */
  path: string;
  /** 'bot': requires `Authorization: Bot <token>`; 'none': the URL carries a webhook/interaction token. */
  auth: 'bot' | 'none';
  bucket?: BucketKind;
  /** Interaction callbacks are exempt from the global limit, as on Discord. */
  globalExempt?: boolean;
  handle(ctx: RouteContext): RouteResponse | Promise<RouteResponse>;
}

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: { def: RouteDef; segments: string[] }[] = [];

  add(...defs: RouteDef[]): void {
    for (const def of defs) this.routes.push({ def, segments: def.path.split('/').filter(Boolean) });
  }

  /** Literal segments win over parameters (e.g. /users/@me before /users/:userId). */
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    let best: { match: RouteMatch; literals: number } | undefined;
    let pathMatched = false;
    for (const { def, segments } of this.routes) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      const ok = segments.every((segment, i) => {
        const part = parts[i] as string;
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = part;
          return true;
        }
        literals++;
        return segment === part;
      });
      if (!ok) continue;
      pathMatched = true;
      if (def.method !== method) continue;
      if (!best || literals > best.literals) best = { match: { route: def, params }, literals };
    }
    if (best) return best.match;
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

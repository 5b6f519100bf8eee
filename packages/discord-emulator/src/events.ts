// Typed events the emulator emits, for tests (waitFor) and the browser playground (streaming).
import { EventEmitter } from 'node:events';
import type { APIMessage } from 'discord-api-types/v10';
import type { DiscordErrorBody } from './errors.ts';

export interface Violation {
  /** 'request': a REST call Discord would reject; 'unanswered-interaction': no initial response before the deadline. */
  kind: 'request' | 'unanswered-interaction';
  time: number;
  method: string;
  /** Concrete path, e.g. /api/v10/channels/123/messages. */
  path: string;
  /** Route template, e.g. /channels/:channelId/messages. */
  route: string;
  status: number;
  error: DiscordErrorBody | { message: string; retry_after?: number; global?: boolean };
  /** Truncated JSON of the request body. */
  body: string;
}

export interface RequestLogEntry {
  time: number;
  method: string;
  path: string;
  route: string;
  status: number;
  durationMs: number;
  /** Set when the status came from fault injection rather than the emulated rules. */
  injected?: 'rate-limit' | 'server-error';
}

export interface InteractionResponseEvent {
  interactionId: string;
  /** Callback type (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  type: number;
  data: unknown;
}

export interface EmulatorEventMap {
  messageCreate: [message: APIMessage];
  messageUpdate: [message: APIMessage];
  messageDelete: [message: APIMessage];
  interactionCreate: [interaction: Record<string, unknown>];
  interactionResponse: [response: InteractionResponseEvent];
  violation: [violation: Violation];
  /** Commands were registered/changed; null for global commands. */
  commandsChange: [guildId: string | null];
  request: [entry: RequestLogEntry];
  gatewayIdentify: [sessionId: string];
  gatewayResume: [sessionId: string, replayed: number];
  gatewayDisconnect: [sessionId: string, code: number];
}

export type EmulatorEventName = keyof EmulatorEventMap;

export class EmulatorEvents extends EventEmitter<EmulatorEventMap> {
  constructor() {
    super();
    this.setMaxListeners(0);
  }

  /**
   * Emits `event` with arguments that are copies of the emulator's state, so listeners cannot
   * change it; the copies (deep, of whole messages) are made only when someone listens.
   */
  emitCopy<K extends EmulatorEventName>(event: K, copy: () => EmulatorEventMap[K]): void {
    // The cast restates what EventEmitter's own conditional type means for a known event name.
    if (this.listenerCount(event) > 0) this.emit(event, ...(copy() as K extends EmulatorEventName ? EmulatorEventMap[K] : never));
  }
}

/**
 * Resolves with `check()`'s first non-undefined value, re-checking whenever one of `events`
 * fires. Rejects after `timeoutMs` with an error that names what was awaited.
 */
export function waitUntil<T>(
  events: EmulatorEvents,
  watch: EmulatorEventName[],
  check: () => T | undefined,
  timeoutMs: number,
  description: string | (() => string),
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const name of watch) events.off(name, onEvent);
      fn();
    };
    const recheck = () => {
      try {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof description === 'string' ? description : description()}`))),
      timeoutMs,
    );
    // Re-check after the emitting code finishes its synchronous state changes.
    const onEvent = () => queueMicrotask(recheck);
    for (const name of watch) events.on(name, onEvent);
    recheck();
  });
}

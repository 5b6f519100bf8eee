// Interactions the emulator dispatched, with their tokens, deadlines and responses.
import type { JsonObject } from '../world/serialize.ts';

export interface InteractionCallback {
  type: number;
  data: unknown;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  userId: string;
  channelId: string;
  guildId?: string;
  /** Emulator-clock time of dispatch: the 3 s and 15 min windows start here. */
  createdAt: number;
  payload: JsonObject;
  /** Human-readable, for error messages: "/quiz start", "button 'next'". */
  label: string;
  commandName?: string;
  focusedOptionType?: number;
  /** Component interactions: the message holding the component. */
  sourceMessageId?: string;
  response?: InteractionCallback;
  /** The message `@original` refers to (new reply, or the source message after an update). */
  originalMessageId?: string;
  followUpIds: string[];
  deadlineTimer?: NodeJS.Timeout;
}

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  add(record: InteractionRecord): void {
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  byTokenValue(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  clearTimers(): void {
    for (const record of this.byId.values()) if (record.deadlineTimer) clearTimeout(record.deadlineTimer);
  }
}

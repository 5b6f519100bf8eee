// What a simulated user gets back after acting: the interaction id and helpers to await the
// bot's initial callback, the visible reply, follow-ups, autocomplete choices or a modal.
import { InteractionResponseType } from 'discord-api-types/v10';
import type { APIMessage } from 'discord-api-types/v10';
import { waitUntil } from '../events.ts';
import { asApiMessage, isLoading } from '../messages/message-store.ts';
import type { EmulatorState } from '../state.ts';
import type { InteractionCallback, InteractionRecord } from './interaction-store.ts';

const CALLBACK_NAMES: Record<number, string> = {
  4: 'a reply (4)',
  5: 'a deferred reply (5)',
  6: 'a deferred update (6)',
  7: 'an update (7)',
  8: 'autocomplete choices (8)',
  9: 'a modal (9)',
};

export interface AutocompleteChoice {
  name: string;
  value: string | number;
}

export interface ModalData {
  custom_id: string;
  title: string;
  components: unknown[];
}

export class InteractionHandle {
  constructor(
    private readonly state: EmulatorState,
    private readonly record: InteractionRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** The INTERACTION_CREATE payload that was dispatched. */
  get payload(): Record<string, unknown> {
    return structuredClone(this.record.payload);
  }

  /** The initial callback, if the bot has sent it. */
  get response(): InteractionCallback | undefined {
    return this.record.response;
  }

  /** Resolves with the initial callback (type and data). */
  callback(timeoutMs = this.state.waitTimeoutMs): Promise<InteractionCallback> {
    return this.wait(() => this.record.response, timeoutMs, 'its initial response');
  }

  /**
   * The visible reply: the original response message once it is no longer a "thinking"
   * placeholder; for component updates (6/7), the updated message (after the edit, for 6).
   */
  waitForReply(timeoutMs = this.state.waitTimeoutMs): Promise<APIMessage> {
    return this.wait(
      () => this.currentReply(),
      timeoutMs,
      'its reply message',
      () => this.describeState(),
    );
  }

  /** Same as waitForReply, named for component interactions that update their message. */
  waitForUpdate(timeoutMs = this.state.waitTimeoutMs): Promise<APIMessage> {
    return this.waitForReply(timeoutMs);
  }

  /** The index-th follow-up message (0-based), as currently stored. */
  waitForFollowUp(index = 0, timeoutMs = this.state.waitTimeoutMs): Promise<APIMessage> {
    return this.wait(
      () => {
        const id = this.record.followUpIds[index];
        const message = id ? this.state.messages.get(id) : undefined;
        return message ? asApiMessage(message.data) : undefined;
      },
      timeoutMs,
      `follow-up #${index}`,
      () => `${this.record.followUpIds.length} follow-up(s) so far`,
    );
  }

  /** Follow-up messages sent so far (deleted ones omitted). */
  followUps(): APIMessage[] {
    return this.record.followUpIds
      .map((id) => this.state.messages.get(id))
      .filter((m) => m !== undefined)
      .map((m) => asApiMessage(m.data));
  }

  /** The message @original currently refers to, loading or not. */
  original(): APIMessage | undefined {
    const id = this.record.originalMessageId;
    const message = id ? this.state.messages.get(id) : undefined;
    return message ? asApiMessage(message.data) : undefined;
  }

  /** Autocomplete: the choices the bot returned. */
  async choices(timeoutMs = this.state.waitTimeoutMs): Promise<AutocompleteChoice[]> {
    const response = await this.callback(timeoutMs);
    this.expectType(response, InteractionResponseType.ApplicationCommandAutocompleteResult);
    const data = response.data as { choices?: AutocompleteChoice[] } | undefined;
    return data?.choices ?? [];
  }

  /** The modal the bot opened. */
  async modal(timeoutMs = this.state.waitTimeoutMs): Promise<ModalData> {
    const response = await this.callback(timeoutMs);
    this.expectType(response, InteractionResponseType.Modal);
    return response.data as ModalData;
  }

  private expectType(response: InteractionCallback, type: number): void {
    if (response.type !== type) {
      throw new Error(`Interaction ${this.record.label} was answered with ${CALLBACK_NAMES[response.type] ?? response.type}, expected ${CALLBACK_NAMES[type]}`);
    }
  }

  private currentReply(): APIMessage | undefined {
    const response = this.record.response;
    if (!response) return undefined;
    if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult || response.type === InteractionResponseType.Modal) {
      throw new Error(`Interaction ${this.record.label} was answered with ${CALLBACK_NAMES[response.type]}, not a message`);
    }
    const id = this.record.originalMessageId;
    const message = id ? this.state.messages.get(id) : undefined;
    if (!message) {
      if (response.type === InteractionResponseType.DeferredMessageUpdate || response.type === InteractionResponseType.UpdateMessage) return undefined;
      throw new Error(`The reply to ${this.record.label} was deleted`);
    }
    if (isLoading(message)) return undefined;
    if (response.type === InteractionResponseType.DeferredMessageUpdate) {
      const edited = message.data.edited_timestamp;
      if (typeof edited !== 'string' || Date.parse(edited) < response.at) return undefined;
    }
    return asApiMessage(message.data);
  }

  private describeState(): string {
    const response = this.record.response;
    if (!response) return 'no initial response yet';
    const original = this.record.originalMessageId ? this.state.messages.get(this.record.originalMessageId) : undefined;
    const state = original && isLoading(original) ? ', still "thinking"' : '';
    return `answered with ${CALLBACK_NAMES[response.type] ?? response.type}${state}`;
  }

  private wait<T>(check: () => T | undefined, timeoutMs: number, what: string, detail?: () => string): Promise<T> {
    return waitUntil(
      this.state.events,
      ['interactionResponse', 'messageCreate', 'messageUpdate', 'messageDelete'],
      check,
      timeoutMs,
      () => `${what} of interaction ${this.record.label} (id ${this.record.id})${detail ? ` — ${detail()}` : ''}`,
    );
  }
}

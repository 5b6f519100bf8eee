// Every message of every channel, including ephemeral ones (visible only to their recipient)
// and interaction responses. Emits messageCreate/Update/Delete for tests and the playground.
import { MessageFlags } from 'discord-api-types/v10';
import type { APIMessage } from 'discord-api-types/v10';
import type { EmulatorEvents } from '../events.ts';
import type { JsonObject } from '../world/serialize.ts';

export interface StoredMessage {
  data: JsonObject;
  /** Ephemeral messages: the only user who can see them. */
  recipientId?: string;
  /** Interaction responses: the interaction that produced them. */
  interactionId?: string;
  authorId: string;
}

export const asApiMessage = (data: JsonObject) => structuredClone(data) as unknown as APIMessage;

const NONCE_WINDOW_MS = 5 * 60_000;

export class MessageStore {
  private readonly byId = new Map<string, StoredMessage>();
  private readonly byChannel = new Map<string, string[]>();
  /** Enforced nonces seen lately: channel|author|nonce -> the message it created, and when. */
  private readonly nonces = new Map<string, { id: string; at: number }>();

  constructor(private readonly events: EmulatorEvents) {}

  add(message: StoredMessage): StoredMessage {
    const id = String(message.data.id);
    const channelId = String(message.data.channel_id);
    this.byId.set(id, message);
    const list = this.byChannel.get(channelId) ?? [];
    list.push(id);
    this.byChannel.set(channelId, list);
    this.events.emitCopy('messageCreate', () => [asApiMessage(message.data)]);
    return message;
  }

  /** The message an enforced nonce created within the last few minutes (Discord: "the past few minutes"; here 5). */
  byNonce(channelId: string, authorId: string, nonce: string, now: number): StoredMessage | undefined {
    const seen = this.nonces.get(`${channelId}|${authorId}|${nonce}`);
    if (!seen || now - seen.at > NONCE_WINDOW_MS) return undefined;
    return this.byId.get(seen.id);
  }

  noteNonce(channelId: string, authorId: string, nonce: string, messageId: string, now: number): void {
    this.nonces.set(`${channelId}|${authorId}|${nonce}`, { id: messageId, at: now });
  }

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  replace(id: string, data: JsonObject): StoredMessage {
    const stored = this.byId.get(id);
    if (!stored) throw new Error(`No message ${id}`);
    stored.data = data;
    this.events.emitCopy('messageUpdate', () => [asApiMessage(data)]);
    return stored;
  }

  delete(id: string): StoredMessage | undefined {
    const stored = this.byId.get(id);
    if (!stored) return undefined;
    this.byId.delete(id);
    const channelId = String(stored.data.channel_id);
    this.byChannel.set(
      channelId,
      (this.byChannel.get(channelId) ?? []).filter((m) => m !== id),
    );
    this.events.emitCopy('messageDelete', () => [asApiMessage(stored.data)]);
    return stored;
  }

  deleteChannel(channelId: string): void {
    for (const id of this.byChannel.get(channelId) ?? []) this.byId.delete(id);
    this.byChannel.delete(channelId);
  }

  /** Oldest first, including every ephemeral message. */
  allInChannel(channelId: string): StoredMessage[] {
    return (this.byChannel.get(channelId) ?? []).map((id) => this.byId.get(id)).filter((m): m is StoredMessage => m !== undefined);
  }

  /** Oldest first. `viewerId` undefined means "as the bot through channel routes": no ephemerals. */
  inChannel(channelId: string, viewerId?: string): StoredMessage[] {
    return (this.byChannel.get(channelId) ?? []).map((id) => this.byId.get(id)).filter((m): m is StoredMessage => m !== undefined && isVisibleTo(m, viewerId));
  }
}

export function isVisibleTo(message: StoredMessage, viewerId: string | undefined): boolean {
  if (message.recipientId === undefined) return true;
  return viewerId !== undefined && viewerId === message.recipientId;
}

export function isLoading(message: StoredMessage): boolean {
  return (Number(message.data.flags ?? 0) & MessageFlags.Loading) !== 0;
}

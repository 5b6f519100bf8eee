// The round's side of Discord: posts and edits in a channel, each noted in the channel's budget
// so the batched live count can tell whether it may go out.
import { DiscordAPIError, RESTJSONErrorCodes, type Client, type SendableChannels } from 'discord.js';
import type { MessagePayload } from '../../render/limits.ts';
import { forDiscord } from '../payload.ts';
import { ChannelBudget } from './channelBudget.ts';

/** Discord errors that mean the channel cannot take the round any more: end it. */
const CHANNEL_GONE = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);

class ChannelGoneError extends Error {
  constructor(channelId: string) {
    super(`channel ${channelId} cannot take messages`);
    this.name = 'ChannelGoneError';
  }
}

export function isChannelGone(error: unknown): boolean {
  if (error instanceof ChannelGoneError) return true;
  return error instanceof DiscordAPIError && typeof error.code === 'number' && CHANNEL_GONE.has(error.code);
}

export class SessionPoster {
  readonly budget = new ChannelBudget();

  constructor(private readonly client: Client) {}

  /** Posts a message; the nonce makes Discord refuse a second copy after a retry. Returns its id. */
  async send(channelId: string, payload: MessagePayload, nonce: string): Promise<string> {
    const channel = await this.channel(channelId);
    this.budget.note(channelId);
    const message = await channel.send({ ...forDiscord(payload), nonce: nonce.slice(0, 25), enforceNonce: true });
    return message.id;
  }

  async edit(channelId: string, messageId: string, payload: MessagePayload): Promise<void> {
    const channel = await this.channel(channelId);
    this.budget.note(channelId);
    await channel.messages.edit(messageId, forDiscord(payload));
  }

  private async channel(channelId: string): Promise<SendableChannels> {
    const channel = await this.client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new ChannelGoneError(channelId);
    return channel;
  }
}

// Sending a channel's daily question, revealing the previous one, and keeping its count live:
// the Discord side of the daily scheduler's gateway.
import { DiscordAPIError, RESTJSONErrorCodes, type Client, type SendableChannels } from 'discord.js';
import { pickDailyQuestion } from '../../domain/daily/pick.ts';
import { renderDailyPost, renderDailyReveal } from '../../render/daily.ts';
import type { DailyPost } from '../../store/dailyStore.ts';
import type { BotContext } from '../context.ts';
import { forDiscord } from '../payload.ts';
import type { DailyChannelGateway, SendOutcome } from './scheduler.ts';

/** Discord errors that mean "this channel cannot take posts now": report, keep the schedule, retry on later days. */
const CHANNEL_GONE_CODES = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);

/** A channel that exists but cannot take messages (a voice or category channel, for one). */
class ChannelNotSendableError extends Error {
  constructor() {
    super('the channel cannot take messages');
    this.name = 'ChannelNotSendableError';
  }
}

export function describePostError(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.code === RESTJSONErrorCodes.UnknownChannel) return 'the channel no longer exists';
    if (error.code === RESTJSONErrorCodes.MissingAccess) return 'I cannot see the channel (View Channel missing)';
    if (error.code === RESTJSONErrorCodes.MissingPermissions) return 'I am missing Send Messages or Embed Links in the channel';
    return `Discord answered ${error.status}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function isChannelGone(error: unknown): boolean {
  if (error instanceof ChannelNotSendableError) return true;
  return error instanceof DiscordAPIError && typeof error.code === 'number' && CHANNEL_GONE_CODES.has(error.code);
}

async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new ChannelNotSendableError();
  return channel;
}

/**
 * Posts a daily question under `postId`. The post record is written before sending and the
 * message carries the post id as an enforced nonce, so a retry after a crash cannot post twice.
 */
export async function sendDailyPost(
  client: Client,
  ctx: BotContext,
  guildId: string,
  channelId: string,
  postId: string,
  localDate: string,
): Promise<{ post: DailyPost; replacedPostId?: string }> {
  let post = await ctx.daily.store.getPost(guildId, postId);
  // Sent before a restart: only the open-post bookkeeping may be missing.
  if (post?.messageId) return { post, replacedPostId: await ctx.daily.store.openPost(guildId, channelId, { postId, postedAt: post.postedAt }) };
  if (!post) {
    const channelRecord = await ctx.daily.store.getChannel(guildId, channelId);
    const question = pickDailyQuestion(ctx.content.questions, channelRecord, ctx.weights, ctx.random);
    if (!question) throw new Error('the question bank is empty');
    post = {
      v: 1,
      postId,
      guildId,
      channelId,
      questionId: question.id,
      domain: question.domain,
      localDate,
      postedAt: ctx.now().getTime(),
      answers: {},
      revealed: false,
    };
    await ctx.daily.store.savePost(post);
  }
  const question = ctx.content.questionById.get(post.questionId);
  if (!question) throw new Error(`question ${post.questionId} left the bank before it was posted`);
  const channel = await sendableChannel(client, channelId);
  const message = await channel.send({ ...forDiscord(renderDailyPost(ctx.content, question, postId, 0)), nonce: postId, enforceNonce: true });
  const postedAt = ctx.now().getTime();
  const sent = await ctx.daily.store.updatePost(guildId, postId, (p) => ({ ...p, messageId: message.id, postedAt }));
  await ctx.daily.store.notePosted(guildId, channelId, question.id);
  const replacedPostId = await ctx.daily.store.openPost(guildId, channelId, { postId, postedAt });
  return { post: sent ?? { ...post, messageId: message.id }, ...(replacedPostId && { replacedPostId }) };
}

/** Closes a post: the answer, the channel's share right, buttons disabled. */
export async function revealDailyPost(client: Client, ctx: BotContext, guildId: string, postId: string): Promise<void> {
  const post = await ctx.daily.store.updatePost(guildId, postId, (p) => ({ ...p, revealed: true }));
  if (!post?.messageId) return;
  const question = ctx.content.questionById.get(post.questionId);
  if (!question) return;
  const channel = await sendableChannel(client, post.channelId);
  await channel.messages.edit(post.messageId, forDiscord(renderDailyReveal(ctx.content, question, postId, post.answers)));
}

/** Rewrites the post with its current answer count (batched by LiveCounter). */
export async function refreshDailyCount(client: Client, ctx: BotContext, guildId: string, postId: string): Promise<void> {
  const post = await ctx.daily.store.getPost(guildId, postId);
  if (!post?.messageId || post.revealed) return;
  const question = ctx.content.questionById.get(post.questionId);
  if (!question) return;
  const channel = await sendableChannel(client, post.channelId);
  await channel.messages.edit(post.messageId, forDiscord(renderDailyPost(ctx.content, question, postId, Object.keys(post.answers).length)));
}

/** The scheduler's view of Discord, through the real client. */
export function discordGateway(client: Client, ctx: BotContext): DailyChannelGateway {
  return {
    guildIds: () => [...client.guilds.cache.keys()],
    send: async (job): Promise<SendOutcome> => {
      try {
        const { replacedPostId } = await sendDailyPost(client, ctx, job.guildId, job.channelId, job.postId, job.localDate);
        return { status: 'posted', ...(replacedPostId && { replacedPostId }) };
      } catch (error) {
        ctx.logger.debug({ err: error, guildId: job.guildId, channelId: job.channelId }, 'daily post was refused');
        return { status: isChannelGone(error) ? 'channel-gone' : 'retry', reason: describePostError(error) };
      }
    },
    reveal: (guildId, postId) => revealDailyPost(client, ctx, guildId, postId),
  };
}

// Sending a channel's daily question, revealing the previous one, and keeping its count live.
import { DiscordAPIError, type Client, type SendableChannels } from 'discord.js';
import { pickDailyQuestion } from '../../domain/daily/pick.ts';
import { renderDailyPost, renderDailyReveal } from '../../render/daily.ts';
import type { DailyPost } from '../../store/dailyStore.ts';
import type { BotContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { freshId } from '../study/ids.ts';
import type { DailyChannelGateway } from './scheduler.ts';
import { forDiscord } from '../payload.ts';

/** Discord errors that mean "this channel cannot take posts now": report, keep the schedule, retry on later days. */
export const CHANNEL_GONE_CODES = new Set([10003, 50001, 50013]);

export function describePostError(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.code === 10003) return 'the channel no longer exists';
    if (error.code === 50001) return 'I cannot see the channel (View Channel missing)';
    if (error.code === 50013) return 'I am missing Send Messages or Embed Links in the channel';
    return `Discord answered ${error.status}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function isChannelGone(error: unknown): boolean {
  return error instanceof DiscordAPIError && typeof error.code === 'number' && CHANNEL_GONE_CODES.has(error.code);
}

async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels> {
  const channel = await client.channels.fetch(channelId);
  if (!channel || !channel.isSendable()) throw new UserError('That channel cannot take messages.');
  return channel;
}

export function newPostId(ctx: BotContext): string {
  return freshId(ctx.now(), ctx.random);
}

/**
 * Posts a daily question under `postId`. The post record is written before sending and the
 * message carries the post id as an enforced nonce, so a retry after a crash cannot post twice.
 */
export async function sendDailyPost(client: Client, ctx: BotContext, guildId: string, channelId: string, postId: string, localDate: string): Promise<DailyPost> {
  let post = await ctx.daily.store.getPost(guildId, postId);
  if (post?.messageId) return post;
  if (!post) {
    const channelRecord = await ctx.daily.store.getChannel(guildId, channelId);
    const question = pickDailyQuestion(ctx.content.questions, channelRecord, ctx.weights, ctx.random);
    if (!question) throw new Error('the question bank is empty');
    post = { v: 1, postId, guildId, channelId, questionId: question.id, domain: question.domain, localDate, postedAt: ctx.now().getTime(), answers: {}, revealed: false };
    await ctx.daily.store.savePost(post);
  }
  const question = ctx.content.questionById.get(post.questionId);
  if (!question) throw new Error(`question ${post.questionId} left the bank before it was posted`);
  const channel = await sendableChannel(client, channelId);
  const message = await channel.send({ ...forDiscord(renderDailyPost(ctx.content, question, postId, 0)), nonce: postId, enforceNonce: true });
  const sent = await ctx.daily.store.updatePost(guildId, postId, (p) => ({ ...p, messageId: message.id, postedAt: ctx.now().getTime() }));
  await ctx.daily.store.notePosted(guildId, channelId, question.id);
  return sent ?? { ...post, messageId: message.id };
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
    send: async (job) => {
      await sendDailyPost(client, ctx, job.guildId, job.channelId, job.postId, job.localDate);
    },
    reveal: (guildId, postId) => revealDailyPost(client, ctx, guildId, postId),
  };
}

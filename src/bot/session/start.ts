// Starting a round in a channel (from /ai300 session or "Start another round"): checks the channel,
// picks the questions, and saves the round unless one is already running there.
import { PermissionFlagsBits, type GuildBasedChannel } from 'discord.js';
import type { DomainId } from '../../content/ids.ts';
import { pickSessionQuestions } from '../../domain/session/pick.ts';
import { isLive, newRound, type SessionRecord } from '../../domain/session/round.ts';
import { clampQuestions, clampSeconds } from '../../domain/session/rules.ts';
import { missingBotPermissions, POSTABLE_CHANNEL_TYPES } from '../commands/ai300-daily/permissions.ts';
import type { BotContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { freshId } from '../study/ids.ts';

export interface SessionSettings {
  domain?: DomainId;
  questions?: number | null;
  seconds?: number | null;
}

export interface StartPlace {
  guildId: string;
  channel: GuildBasedChannel | null;
  userId: string;
}

export async function startSession(ctx: BotContext, place: StartPlace, settings: SessionSettings): Promise<SessionRecord> {
  const { channel, guildId } = place;
  if (!channel || !(POSTABLE_CHANNEL_TYPES as readonly number[]).includes(channel.type)) {
    throw new UserError('Study sessions run in a server text channel. Run `/ai300 session` in one.');
  }
  const missing = missingBotPermissions(channel);
  if (missing.length > 0) throw new UserError(`I cannot run a session in <#${channel.id}>: I am missing **${missing.join('**, **')}** there.`);
  const channelRecord = await ctx.daily.store.getChannel(guildId, channel.id);
  const count = clampQuestions(settings.questions);
  const questions = pickSessionQuestions(ctx.content.questions, channelRecord, ctx.weights, ctx.random, count, settings.domain);
  if (questions.length === 0) throw new UserError('There are no questions for that domain yet.');
  const now = ctx.now();
  const session = newRound({
    sessionId: freshId(now, ctx.random),
    guildId,
    channelId: channel.id,
    startedBy: place.userId,
    startedAt: now.getTime(),
    ...(settings.domain && { domain: settings.domain }),
    seconds: clampSeconds(settings.seconds),
    questionIds: questions.map((q) => q.id),
  });
  const running = await ctx.sessions.store.update(guildId, channel.id, (existing) =>
    isLive(existing) ? { result: existing } : { save: session, result: undefined },
  );
  if (running) {
    throw new UserError(
      `A round is already running here (question ${running.current + 1} of ${running.questionIds.length}, started by <@${running.startedBy}>). Play along, or stop it with its **Stop the round** button first.`,
    );
  }
  ctx.logger.info(
    { guildId, channelId: channel.id, sessionId: session.sessionId, questions: questions.length, seconds: session.seconds },
    'study session started',
  );
  // The channel's recent list keeps the next rounds and daily questions from repeating these.
  for (const question of questions) await ctx.daily.store.notePosted(guildId, channel.id, question.id);
  return session;
}

/** The starter, or anyone with Manage Messages in the channel, may stop a round. */
export function canStop(session: SessionRecord, userId: string, permissions: { has(flag: bigint): boolean } | null): boolean {
  return session.startedBy === userId || Boolean(permissions?.has(PermissionFlagsBits.ManageMessages));
}

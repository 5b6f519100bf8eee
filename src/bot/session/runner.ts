// Runs study sessions: posts each question, closes it at its deadline (or when everyone who
// answered the previous one has answered), reveals it, scores it, then posts the next one or the
// final scoreboard. State lives in the store, so a restart resumes every round; time is the
// bot's clock (ctx.now), checked by a short periodic sweep, so tests move time by hand.
import { DiscordAPIError, RESTJSONErrorCodes, type Client, type SendableChannels } from 'discord.js';
import type { Question } from '../../content/schema.ts';
import { advance, closeQuestion, endBetweenQuestions, isLive, type QuestionResult, type SessionRecord } from '../../domain/session/round.ts';
import { REVEAL_PAUSE_MS, STALE_AFTER_MS, everyoneAnswered } from '../../domain/session/rules.ts';
import { renderSessionFinal, renderSessionQuestion, renderSessionReveal } from '../../render/session.ts';
import type { MessagePayload } from '../../render/limits.ts';
import type { QuestionAnswers } from '../../store/sessionStore.ts';
import type { BotContext, SessionDriver } from '../context.ts';
import { LiveCounter } from '../daily/liveCount.ts';
import { forDiscord } from '../payload.ts';
import { ChannelBudget } from './channelBudget.ts';
import { settleQuestion } from './settle.ts';

export interface RunnerOptions {
  /** How often due rounds are checked (default 200 ms). */
  tickMs?: number;
  /** The pause between a reveal and the next question (default 8 s). */
  pauseMs?: number;
  /** Least time between two live-count edits of a question (default 2 s). */
  countIntervalMs?: number;
}

/** No count edit this close to the deadline: the reveal is about to carry the final count. */
const COUNT_QUIET_BEFORE_DEADLINE_MS = 1_500;
/** Discord errors that mean the channel cannot take the round any more: end it. */
const CHANNEL_GONE = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);
/** After a failed step (Discord or the store briefly unavailable), try again this much later. */
const RETRY_MS = 2_000;

interface Tracked {
  guildId: string;
  channelId: string;
  dueAt: number;
}

export class SessionRunner implements SessionDriver {
  private readonly tracked = new Map<string, Tracked>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Channels asked to step again while a step ran (an answer that may close the question early). */
  private readonly again = new Set<string>();
  private readonly budget = new ChannelBudget();
  private readonly counter: LiveCounter;
  private readonly pauseMs: number;
  private readonly tickMs: number;
  private timer?: NodeJS.Timeout;
  private wake?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly client: Client,
    private readonly ctx: BotContext,
    options: RunnerOptions = {},
  ) {
    this.pauseMs = options.pauseMs ?? REVEAL_PAUSE_MS;
    this.tickMs = options.tickMs ?? 200;
    this.counter = new LiveCounter((target) => this.refreshCount(target.guildId, target.postId), ctx.logger, options.countIntervalMs ?? 2_000);
  }

  /** Resumes every live round of the servers the bot is in, then checks due rounds periodically. */
  async start(): Promise<void> {
    for (const guildId of this.client.guilds.cache.keys()) {
      try {
        for (const session of await this.ctx.sessions.store.sessionsOf(guildId)) await this.resume(session);
      } catch (error) {
        this.ctx.logger.error({ err: error, guildId }, 'could not resume study sessions');
      }
    }
    if (this.tracked.size > 0) this.ctx.logger.info({ sessions: this.tracked.size }, 'resuming study sessions');
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    this.tick();
  }

  /**
   * Picks a round up after a restart. The step that stopped may have been cut anywhere: answers
   * not yet counted are counted, and a question saved as closed has its reveal shown again (an
   * idempotent edit), so no question is left with live buttons; a round saved as ended but
   * without its scoreboard gets it.
   */
  private async resume(session: SessionRecord): Promise<void> {
    for (const [index, result] of session.results.entries()) if (!result.settled) await settleQuestion(this.ctx, session, index);
    const recentlyEnded = session.phase === 'ended' && !session.finalMessageId && this.ctx.now().getTime() - (session.endedAt ?? 0) < STALE_AFTER_MS;
    if (session.phase === 'revealed' || recentlyEnded) {
      const result = session.results[session.current];
      const question = result && this.ctx.content.questionById.get(result.questionId);
      if (result && question && (await this.reveal(session, question, result))) return this.abandon(session.guildId, session.channelId, 'channel gone');
    }
    if (recentlyEnded) await this.end(session);
    this.track(session);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.wake);
    await Promise.all(this.inFlight.values());
    // The latest counts go out now rather than after the store has closed.
    await this.counter.flush();
  }

  /** Moves every due round on now and waits for it (tests drive time with this). */
  async sweep(): Promise<void> {
    await Promise.all(this.inFlight.values());
    const now = this.ctx.now().getTime();
    await Promise.all([...this.tracked.entries()].filter(([, t]) => t.dueAt <= now).map(([key]) => this.run(key)));
  }

  get liveCount(): number {
    return this.tracked.size;
  }

  async launch(session: SessionRecord): Promise<void> {
    this.track(session);
    await this.run(keyOf(session.guildId, session.channelId));
  }

  noteAnswer(session: SessionRecord, answers: QuestionAnswers): void {
    if (everyoneAnswered(session.previousAnswerers, (id) => id in answers.answers)) {
      void this.run(keyOf(session.guildId, session.channelId));
      return;
    }
    this.counter.bump({ guildId: session.guildId, postId: session.channelId });
  }

  async stepNow(guildId: string, channelId: string): Promise<void> {
    const key = keyOf(guildId, channelId);
    await this.inFlight.get(key);
    await this.run(key);
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.ctx.now().getTime();
    let soonest = Number.POSITIVE_INFINITY;
    for (const [key, tracked] of this.tracked) {
      if (tracked.dueAt <= now) {
        if (!this.inFlight.has(key)) void this.run(key);
      } else soonest = Math.min(soonest, tracked.dueAt);
    }
    // A step due before the next tick gets a timer of its own, so a reveal is never a tick late.
    clearTimeout(this.wake);
    if (soonest - now < this.tickMs) {
      this.wake = setTimeout(() => this.tick(), soonest - now);
      this.wake.unref();
    }
  }

  private track(session: SessionRecord): void {
    const key = keyOf(session.guildId, session.channelId);
    if (!isLive(session)) {
      this.tracked.delete(key);
      return;
    }
    const dueAt = session.phase === 'revealed' ? (session.nextAt ?? 0) : session.messageId ? (session.deadline ?? 0) : 0;
    this.tracked.set(key, { guildId: session.guildId, channelId: session.channelId, dueAt });
  }

  /** One step at a time per channel; a step asked for while one runs joins it. */
  private run(key: string): Promise<void> {
    const running = this.inFlight.get(key);
    if (running) {
      this.again.add(key);
      return running;
    }
    const tracked = this.tracked.get(key);
    if (!tracked) return Promise.resolve();
    const step = this.step(tracked.guildId, tracked.channelId)
      .catch(async (error) => {
        if (isChannelGone(error)) return this.abandon(tracked.guildId, tracked.channelId, error);
        this.ctx.logger.error({ err: error, guildId: tracked.guildId, channelId: tracked.channelId }, 'study session step failed; retrying');
        const still = this.tracked.get(key);
        if (still) still.dueAt = this.ctx.now().getTime() + RETRY_MS;
      })
      .finally(() => {
        this.inFlight.delete(key);
        if (this.again.delete(key)) void this.run(key);
      });
    this.inFlight.set(key, step);
    return step;
  }

  /** The channel cannot take the round any more (deleted, or the bot lost access): end it quietly. */
  private async abandon(guildId: string, channelId: string, error: unknown): Promise<void> {
    this.ctx.logger.warn({ err: error, guildId, channelId }, 'study session channel is gone; ending the round');
    this.tracked.delete(keyOf(guildId, channelId));
    const now = this.ctx.now().getTime();
    await this.ctx.sessions.store.update(guildId, channelId, (s) =>
      isLive(s) ? { save: endBetweenQuestions(s, 'interrupted', now), result: undefined } : { result: undefined },
    );
  }

  private async step(guildId: string, channelId: string): Promise<void> {
    const session = await this.ctx.sessions.store.get(guildId, channelId);
    if (!isLive(session)) {
      this.tracked.delete(keyOf(guildId, channelId));
      return;
    }
    // Answers of a question whose counting was cut short (the store briefly failed) are counted now.
    for (const [index, result] of session.results.entries()) if (!result.settled) await settleQuestion(this.ctx, session, index);
    const now = this.ctx.now().getTime();
    if (session.phase === 'revealed') {
      if (session.stopRequestedBy) return this.stopBetweenQuestions(session, now);
      if (now < (session.nextAt ?? 0)) return this.track(session);
      return this.post(advance(session));
    }
    if (!session.messageId) return this.post(session);
    if (!session.stopRequestedBy && now < (session.deadline ?? 0)) {
      const answers = await this.ctx.sessions.store.getAnswers(guildId, session.sessionId, session.current);
      if (!everyoneAnswered(session.previousAnswerers, (id) => id in answers.answers)) return this.track(session);
    }
    return this.close(session, now);
  }

  /** Posts the current question (saving its deadline first, so a resumed round keeps it). */
  private async post(next: SessionRecord): Promise<void> {
    const question = this.ctx.content.questionById.get(next.questionIds[next.current]!);
    if (!question) return this.end(endBetweenQuestions(next, 'interrupted', this.ctx.now().getTime()));
    const askedAt = this.ctx.now().getTime();
    const asking = await this.change(next, (s) => {
      const advancing = s.phase === 'revealed' && s.current === next.current - 1 && !s.stopRequestedBy;
      const reposting = s.phase === 'asking' && s.current === next.current && !s.messageId;
      return advancing || reposting ? { ...next, askedAt, deadline: askedAt + next.seconds * 1000 } : undefined;
    });
    if (!asking) return;
    const message = await this.send(asking.channelId, renderSessionQuestion(this.ctx.content, asking, question, 0), `${asking.sessionId}-${asking.current}`);
    const posted = await this.ctx.sessions.store.update(asking.guildId, asking.channelId, (s) =>
      s?.sessionId === asking.sessionId && s.current === asking.current && s.phase === 'asking'
        ? { save: { ...s, messageId: message }, result: { ...s, messageId: message } }
        : { result: undefined },
    );
    if (posted) this.track(posted);
  }

  /** Closes the current question: answers shut, scored, revealed, then counted in everyone's records. */
  private async close(session: SessionRecord, now: number): Promise<void> {
    const question = this.ctx.content.questionById.get(session.questionIds[session.current]!);
    const answers = await this.ctx.sessions.store.closeAnswers(session.guildId, session.sessionId, session.current);
    if (!question) return this.end(endBetweenQuestions(session, 'interrupted', now));
    const stale = now - (session.deadline ?? now) > STALE_AFTER_MS;
    const saved = await this.change(session, (s) =>
      s.phase === 'asking' && s.current === session.current
        ? closeQuestion(s, answers.answers, question.answer, question.domain, now, { pauseMs: this.pauseMs, stale })
        : undefined,
    );
    if (!saved) return;
    const result = saved.results[saved.current]!;
    const gone = await this.reveal(saved, question, result);
    // Counted in everyone's records before the round moves on, so a scoreboard never comes before the stats.
    await settleQuestion(this.ctx, saved, saved.current);
    if (gone) throw gone;
    if (saved.phase === 'ended') await this.end(saved);
    else this.track(saved);
  }

  /** Edits the question into its reveal; a failure other than a lost channel is logged, never retried into a second reveal. */
  private async reveal(session: SessionRecord, question: Question, result: QuestionResult): Promise<unknown> {
    if (!session.messageId) return undefined;
    try {
      await this.edit(session.channelId, session.messageId, renderSessionReveal(this.ctx.content, session, question, result));
    } catch (error) {
      if (isChannelGone(error)) return error;
      this.ctx.logger.warn({ err: error, channelId: session.channelId, messageId: session.messageId }, 'could not reveal a study session question');
    }
    return undefined;
  }

  /** Stop during the pause: the last reveal loses its Stop button, and the scoreboard follows. */
  private async stopBetweenQuestions(session: SessionRecord, now: number): Promise<void> {
    const ended = endBetweenQuestions(session, 'stopped', now);
    const result = session.results[session.current];
    const question = result && this.ctx.content.questionById.get(result.questionId);
    if (result && question) {
      const gone = await this.reveal(ended, question, result);
      if (gone) throw gone;
    }
    await this.end(ended);
  }

  /** Saves an ended round and posts its final scoreboard. */
  private async end(ended: SessionRecord): Promise<void> {
    const key = keyOf(ended.guildId, ended.channelId);
    const saved = await this.change(ended, (s) =>
      (s.phase === 'ended' && s.endedAt === ended.endedAt && !s.finalMessageId) || s.phase !== 'ended' ? ended : undefined,
    );
    this.tracked.delete(key);
    if (!saved) return;
    await this.ctx.sessions.store.saveFinal(saved.guildId, {
      v: 1,
      sessionId: saved.sessionId,
      channelId: saved.channelId,
      scores: saved.scores,
      endedAt: saved.endedAt ?? this.ctx.now().getTime(),
    });
    const finalMessageId = await this.send(saved.channelId, renderSessionFinal(this.ctx.content, saved), `${saved.sessionId}-end`).catch((error) => {
      this.ctx.logger.warn({ err: error, channelId: saved.channelId }, 'could not post a study session scoreboard');
      return undefined;
    });
    if (finalMessageId) {
      await this.ctx.sessions.store.update(saved.guildId, saved.channelId, (s) =>
        s?.sessionId === saved.sessionId ? { save: { ...s, finalMessageId }, result: undefined } : { result: undefined },
      );
    }
    this.budget.forget(saved.channelId);
  }

  /** Saves what `change` makes of the stored round, when it is still the same round; returns what was saved. */
  private change(session: SessionRecord, change: (stored: SessionRecord) => SessionRecord | undefined): Promise<SessionRecord | undefined> {
    return this.ctx.sessions.store.update(session.guildId, session.channelId, (stored) => {
      const next = stored?.sessionId === session.sessionId ? change(stored) : undefined;
      return next ? { save: next, result: next } : { result: undefined };
    });
  }

  private async channel(channelId: string): Promise<SendableChannels> {
    const channel = await this.client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new ChannelGoneError(channelId);
    return channel;
  }

  private async send(channelId: string, payload: MessagePayload, nonce: string): Promise<string> {
    const channel = await this.channel(channelId);
    this.budget.note(channelId);
    const message = await channel.send({ ...forDiscord(payload), nonce: nonce.slice(0, 25), enforceNonce: true });
    return message.id;
  }

  private async edit(channelId: string, messageId: string, payload: MessagePayload): Promise<void> {
    const channel = await this.channel(channelId);
    this.budget.note(channelId);
    await channel.messages.edit(messageId, forDiscord(payload));
  }

  /** The batched live count: skipped when the channel's budget is short or the reveal is near. */
  private async refreshCount(guildId: string, channelId: string): Promise<void> {
    const session = await this.ctx.sessions.store.get(guildId, channelId);
    if (!isLive(session) || session.phase !== 'asking' || !session.messageId) return;
    const now = this.ctx.now().getTime();
    if ((session.deadline ?? 0) - now < COUNT_QUIET_BEFORE_DEADLINE_MS) return;
    if (!this.budget.allowsCountEdit(channelId)) {
      this.counter.bump({ guildId, postId: channelId });
      return;
    }
    const question = this.ctx.content.questionById.get(session.questionIds[session.current]!);
    if (!question) return;
    const answers = await this.ctx.sessions.store.getAnswers(guildId, session.sessionId, session.current);
    await this.edit(channelId, session.messageId, renderSessionQuestion(this.ctx.content, session, question, Object.keys(answers.answers).length));
  }
}

class ChannelGoneError extends Error {
  constructor(channelId: string) {
    super(`channel ${channelId} cannot take messages`);
    this.name = 'ChannelGoneError';
  }
}

function isChannelGone(error: unknown): boolean {
  if (error instanceof ChannelGoneError) return true;
  return error instanceof DiscordAPIError && typeof error.code === 'number' && CHANNEL_GONE.has(error.code);
}

function keyOf(guildId: string, channelId: string): string {
  return `${guildId}:${channelId}`;
}

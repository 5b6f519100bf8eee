// What moves a round on, one step at a time (the runner decides when): post the current question,
// close it (answers shut, scored, revealed, counted), post the final scoreboard, and pick a round
// up after a restart. Each step returns the round as it now stands, for the runner to schedule.
import type { Question } from '../../content/schema.ts';
import { advance, closeQuestion, endBetweenQuestions, isLive, type QuestionResult, type SessionRecord } from '../../domain/session/round.ts';
import { STALE_AFTER_MS, everyoneAnswered } from '../../domain/session/rules.ts';
import { renderSessionFinal, renderSessionQuestion, renderSessionReveal } from '../../render/session.ts';
import type { BotContext } from '../context.ts';
import { isChannelGone, type SessionPoster } from './poster.ts';
import { settleQuestion } from './settle.ts';

/** No count edit this close to the deadline: the reveal is about to carry the final count. */
const COUNT_QUIET_BEFORE_DEADLINE_MS = 1_500;

export class RoundSteps {
  constructor(
    private readonly ctx: BotContext,
    private readonly discord: SessionPoster,
    private readonly pauseMs: number,
  ) {}

  async step(guildId: string, channelId: string): Promise<SessionRecord | undefined> {
    const session = await this.ctx.sessions.store.get(guildId, channelId);
    // Ended by a step that failed before its scoreboard (counting the last answers failed): finish it.
    if (session?.phase === 'ended' && !session.finalMessageId) return this.resume(session);
    if (!isLive(session)) return undefined;
    // Answers of a question whose counting was cut short (the store briefly failed) are counted now.
    await this.settleAll(session);
    const now = this.ctx.now().getTime();
    if (session.phase === 'revealed') {
      if (session.stopRequestedBy) return this.stopBetweenQuestions(session, now);
      if (now < (session.nextAt ?? 0)) return session;
      return this.post(advance(session));
    }
    if (!session.messageId) return this.post(session);
    if (!session.stopRequestedBy && now < (session.deadline ?? 0)) {
      const answers = await this.ctx.sessions.store.getAnswers(guildId, session.sessionId, session.current);
      if (!everyoneAnswered(session.previousAnswerers, (id) => id in answers.answers)) return session;
    }
    return this.close(session, now);
  }

  /**
   * Picks a round up after a restart. The step that stopped may have been cut anywhere: answers
   * not yet counted are counted, and a question saved as closed has its reveal shown again (an
   * idempotent edit), so no question is left with live buttons; a round saved as ended but
   * without its scoreboard gets it.
   */
  async resume(session: SessionRecord): Promise<SessionRecord | undefined> {
    await this.settleAll(session);
    const recentlyEnded = session.phase === 'ended' && !session.finalMessageId && this.ctx.now().getTime() - (session.endedAt ?? 0) < STALE_AFTER_MS;
    if (session.phase === 'revealed' || recentlyEnded) {
      const gone = await this.reveal(session);
      if (gone) throw gone;
    }
    if (recentlyEnded) await this.end(session);
    return isLive(session) ? session : undefined;
  }

  /** The channel cannot take the round any more (deleted, or the bot lost access): end it quietly. */
  async abandon(guildId: string, channelId: string, error: unknown): Promise<void> {
    this.ctx.logger.warn({ err: error, guildId, channelId }, 'study session channel is gone; ending the round');
    const now = this.ctx.now().getTime();
    await this.ctx.sessions.store.update(guildId, channelId, (s) =>
      isLive(s) ? { save: endBetweenQuestions(s, 'interrupted', now), result: undefined } : { result: undefined },
    );
  }

  /** The batched live count; false when the channel's budget is short and it should be tried again later. */
  async refreshCount(guildId: string, channelId: string): Promise<boolean> {
    const session = await this.ctx.sessions.store.get(guildId, channelId);
    if (!isLive(session) || session.phase !== 'asking' || !session.messageId) return true;
    if ((session.deadline ?? 0) - this.ctx.now().getTime() < COUNT_QUIET_BEFORE_DEADLINE_MS) return true;
    if (!this.discord.budget.allowsCountEdit(channelId)) return false;
    const question = this.ctx.content.questionById.get(session.questionIds[session.current]!);
    if (!question) return true;
    const answers = await this.ctx.sessions.store.getAnswers(guildId, session.sessionId, session.current);
    await this.discord.edit(channelId, session.messageId, renderSessionQuestion(this.ctx.content, session, question, Object.keys(answers.answers).length));
    return true;
  }

  private async settleAll(session: SessionRecord): Promise<void> {
    for (const [index, result] of session.results.entries()) if (!result.settled) await settleQuestion(this.ctx, session, index);
  }

  /** Posts the current question, saving its deadline first so a resumed round keeps it. */
  private async post(next: SessionRecord): Promise<SessionRecord | undefined> {
    const question = this.ctx.content.questionById.get(next.questionIds[next.current]!);
    if (!question) return this.end(endBetweenQuestions(next, 'interrupted', this.ctx.now().getTime()));
    const askedAt = this.ctx.now().getTime();
    const asking = await this.change(next, (s) => {
      const advancing = s.phase === 'revealed' && s.current === next.current - 1 && !s.stopRequestedBy;
      const reposting = s.phase === 'asking' && s.current === next.current && !s.messageId;
      const timing = { askedAt, deadline: askedAt + s.seconds * 1000 };
      return advancing ? { ...advance(s), ...timing } : reposting ? { ...s, ...timing } : undefined;
    });
    // A Stop saved meanwhile: the next step ends the round.
    if (!asking) return this.ctx.sessions.store.get(next.guildId, next.channelId);
    const messageId = await this.discord.send(
      asking.channelId,
      renderSessionQuestion(this.ctx.content, asking, question, 0),
      `${asking.sessionId}-${asking.current}`,
    );
    const posted = await this.change(asking, (s) => (s.current === asking.current && s.phase === 'asking' ? { ...s, messageId } : undefined));
    return posted ?? this.ctx.sessions.store.get(next.guildId, next.channelId);
  }

  /** Closes the current question: answers shut, scored, revealed, counted in everyone's records. */
  private async close(session: SessionRecord, now: number): Promise<SessionRecord | undefined> {
    const question = this.ctx.content.questionById.get(session.questionIds[session.current]!);
    const answers = await this.ctx.sessions.store.closeAnswers(session.guildId, session.sessionId, session.current);
    if (!question) return this.end(endBetweenQuestions(session, 'interrupted', now));
    const stale = now - (session.deadline ?? now) > STALE_AFTER_MS;
    const closed = await this.change(session, (s) =>
      s.phase === 'asking' && s.current === session.current
        ? closeQuestion(s, answers.answers, question.answer, question.domain, now, { pauseMs: this.pauseMs, stale })
        : undefined,
    );
    if (!closed) return this.ctx.sessions.store.get(session.guildId, session.channelId);
    const gone = await this.reveal(closed);
    // Counted in everyone's records before the round moves on, so no scoreboard comes before the stats.
    await settleQuestion(this.ctx, closed, closed.current);
    if (gone) throw gone;
    return closed.phase === 'ended' ? this.end(closed) : closed;
  }

  /** Edits the current question into its reveal. A lost channel is returned; any other failure is logged, not retried. */
  private async reveal(session: SessionRecord): Promise<unknown> {
    const result: QuestionResult | undefined = session.results[session.current];
    const question: Question | undefined = result && this.ctx.content.questionById.get(result.questionId);
    if (!session.messageId || !result || !question) return undefined;
    try {
      await this.discord.edit(session.channelId, session.messageId, renderSessionReveal(this.ctx.content, session, question, result));
    } catch (error) {
      if (isChannelGone(error)) return error;
      this.ctx.logger.warn({ err: error, channelId: session.channelId, messageId: session.messageId }, 'could not reveal a study session question');
    }
    return undefined;
  }

  /** Stop during the pause: the last reveal loses its Stop button, and the scoreboard follows. */
  private async stopBetweenQuestions(session: SessionRecord, now: number): Promise<undefined> {
    const ended = endBetweenQuestions(session, 'stopped', now);
    const gone = await this.reveal(ended);
    if (gone) throw gone;
    return this.end(ended);
  }

  /** Saves an ended round and posts its final scoreboard. */
  private async end(ended: SessionRecord): Promise<undefined> {
    // Applied to the stored round, which may have moved on (answers counted) since `ended` was read.
    const saved = await this.change(ended, (s) => {
      if (s.phase !== 'ended') return endBetweenQuestions(s, ended.endReason ?? 'finished', ended.endedAt ?? this.ctx.now().getTime());
      return s.endedAt === ended.endedAt && !s.finalMessageId ? s : undefined;
    });
    if (!saved) return undefined;
    const { guildId, channelId, sessionId, endReason } = saved;
    this.ctx.logger.info(
      { guildId, channelId, sessionId, endReason, questions: saved.results.length, players: Object.keys(saved.scores).length },
      'study session ended',
    );
    await this.ctx.sessions.store.saveFinal(saved.guildId, {
      v: 1,
      sessionId: saved.sessionId,
      channelId: saved.channelId,
      scores: saved.scores,
      endedAt: saved.endedAt ?? this.ctx.now().getTime(),
    });
    this.discord.budget.forget(saved.channelId);
    const finalMessageId = await this.discord.send(saved.channelId, renderSessionFinal(this.ctx.content, saved), `${saved.sessionId}-end`).catch((error) => {
      this.ctx.logger.warn({ err: error, channelId: saved.channelId }, 'could not post a study session scoreboard');
      return undefined;
    });
    if (finalMessageId) await this.change(saved, (s) => ({ ...s, finalMessageId }));
    // Every answer is in its member's record by now (each question is settled when revealed).
    if (saved.results.every((r) => r.settled)) await this.ctx.sessions.store.dropAnswers(saved.guildId, saved.sessionId, saved.results.length);
    return undefined;
  }

  /**
   * Saves what `change` makes of the stored round, while it is still the same round; returns what
   * was saved. Changes start from the stored record, never from a copy read earlier in the step.
   */
  private change(session: SessionRecord, change: (stored: SessionRecord) => SessionRecord | undefined): Promise<SessionRecord | undefined> {
    return this.ctx.sessions.store.update(session.guildId, session.channelId, (stored) => {
      const next = stored?.sessionId === session.sessionId ? change(stored) : undefined;
      return next ? { save: next, result: next } : { result: undefined };
    });
  }
}

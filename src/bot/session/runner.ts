// Runs study sessions: decides when each channel's round takes its next step (steps.ts does the
// work). Rounds live in the store, so a restart resumes them; time is the bot's clock (ctx.now),
// checked by a short periodic sweep (plus a timer for a step due before the next sweep), so
// tests move time by hand. One channel's steps and live-count edits run one after another.
import type { Client } from 'discord.js';
import { isLive, type SessionRecord } from '../../domain/session/round.ts';
import { REVEAL_PAUSE_MS, everyoneAnswered } from '../../domain/session/rules.ts';
import { KeyedQueue } from '../../store/keyedQueue.ts';
import type { QuestionAnswers } from '../../store/sessionStore.ts';
import type { BotContext, SessionDriver } from '../context.ts';
import { LiveCounter } from '../daily/liveCount.ts';
import { SessionPoster, isChannelGone } from './poster.ts';
import { RoundSteps } from './steps.ts';

export interface RunnerOptions {
  /** How often due rounds are checked (default 200 ms). */
  tickMs?: number;
  /** The pause between a reveal and the next question (default 8 s). */
  pauseMs?: number;
  /** Least time between two live-count edits of a question (default 2 s). */
  countIntervalMs?: number;
}

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
  /** Everything a round writes to its channel, in order: a count edit can never land after the reveal. */
  private readonly lanes = new KeyedQueue();
  private readonly steps: RoundSteps;
  private readonly counter: LiveCounter;
  private readonly tickMs: number;
  private timer?: NodeJS.Timeout;
  private wake?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly client: Client,
    private readonly ctx: BotContext,
    options: RunnerOptions = {},
  ) {
    this.steps = new RoundSteps(ctx, new SessionPoster(client), options.pauseMs ?? REVEAL_PAUSE_MS);
    this.tickMs = options.tickMs ?? 200;
    this.counter = new LiveCounter((target) => this.refreshCount(target.guildId, target.postId), ctx.logger, options.countIntervalMs ?? 2_000);
  }

  /** Resumes the rounds of every server the bot is in, then checks due rounds periodically. */
  async start(): Promise<void> {
    for (const guildId of this.client.guilds.cache.keys()) {
      try {
        for (const session of await this.ctx.sessions.store.sessionsOf(guildId)) {
          await this.steps
            .resume(session)
            .then((resumed) => this.track(session.guildId, session.channelId, resumed))
            .catch((error) => this.failed(session.guildId, session.channelId, error));
        }
      } catch (error) {
        this.ctx.logger.error({ err: error, guildId }, 'could not resume study sessions');
      }
    }
    if (this.tracked.size > 0) this.ctx.logger.info({ sessions: this.tracked.size }, 'resumed study sessions');
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    this.tick();
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

  /** Rounds this runner is moving on. */
  get liveCount(): number {
    return this.tracked.size;
  }

  async launch(session: SessionRecord): Promise<void> {
    this.track(session.guildId, session.channelId, session);
    await this.run(keyOf(session.guildId, session.channelId));
  }

  noteAnswer(session: SessionRecord, answers: QuestionAnswers): void {
    if (everyoneAnswered(session.previousAnswerers, (id) => id in answers.answers)) void this.run(keyOf(session.guildId, session.channelId));
    else this.counter.bump({ guildId: session.guildId, postId: session.channelId });
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
      if (tracked.dueAt > now) soonest = Math.min(soonest, tracked.dueAt);
      else if (!this.inFlight.has(key)) void this.run(key);
    }
    // A step due before the next sweep gets a timer of its own, so a reveal is never a sweep late.
    clearTimeout(this.wake);
    if (soonest - now < this.tickMs) {
      this.wake = setTimeout(() => this.tick(), soonest - now);
      this.wake.unref();
    }
  }

  private track(guildId: string, channelId: string, session: SessionRecord | undefined): void {
    const key = keyOf(guildId, channelId);
    if (!isLive(session)) {
      this.tracked.delete(key);
      return;
    }
    const dueAt = session.phase === 'revealed' ? (session.nextAt ?? 0) : session.messageId ? (session.deadline ?? 0) : 0;
    this.tracked.set(key, { guildId, channelId, dueAt });
  }

  /** One step at a time per channel; a step asked for while one runs joins it, and runs again after. */
  private run(key: string): Promise<void> {
    const running = this.inFlight.get(key);
    if (running) {
      this.again.add(key);
      return running;
    }
    const tracked = this.tracked.get(key);
    if (!tracked) return Promise.resolve();
    const { guildId, channelId } = tracked;
    const step = this.lanes
      .run(key, () => this.steps.step(guildId, channelId))
      .then((session) => this.track(guildId, channelId, session))
      .catch((error) => this.failed(guildId, channelId, error))
      .finally(() => {
        this.inFlight.delete(key);
        if (this.again.delete(key)) void this.run(key);
      });
    this.inFlight.set(key, step);
    return step;
  }

  private async failed(guildId: string, channelId: string, error: unknown): Promise<void> {
    const key = keyOf(guildId, channelId);
    if (isChannelGone(error)) {
      this.tracked.delete(key);
      await this.steps
        .abandon(guildId, channelId, error)
        .catch((cause) => this.ctx.logger.error({ err: cause, guildId, channelId }, 'could not end a study session'));
      return;
    }
    this.ctx.logger.error({ err: error, guildId, channelId }, 'study session step failed; retrying');
    const tracked = this.tracked.get(key) ?? { guildId, channelId, dueAt: 0 };
    this.tracked.set(key, { ...tracked, dueAt: this.ctx.now().getTime() + RETRY_MS });
  }

  /** The batched live count, in the channel's lane; tried again later when the channel's budget is short. */
  private async refreshCount(guildId: string, channelId: string): Promise<void> {
    const sent = await this.lanes.run(keyOf(guildId, channelId), () => this.steps.refreshCount(guildId, channelId));
    if (!sent) this.counter.bump({ guildId, postId: channelId });
  }
}

function keyOf(guildId: string, channelId: string): string {
  return `${guildId}:${channelId}`;
}

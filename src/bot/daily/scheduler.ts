// The daily scheduler: a sweep every minute (node-cron) over the persisted schedules. For each
// due channel it first writes a claim for the local date, then posts, so restarts and
// overlapping ticks never post twice; a sweep after downtime posts late, once, the same day.
// It also closes open posts: the one a new post replaces, and any open for 24 hours.
// Discord is behind the DailyChannelGateway port: the scheduler imports nothing from the adapter.
import cron, { type ScheduledTask } from 'node-cron';
import { localTime } from '../../domain/daily/clock.ts';
import { OPEN_POST_LIFETIME_MS, dueDecision } from '../../domain/daily/schedule.ts';
import type { BotContext } from '../context.ts';
import { freshId } from '../study/ids.ts';
import { SinglePass } from '../singlePass.ts';

export interface PostJob {
  guildId: string;
  channelId: string;
  postId: string;
  localDate: string;
  late: boolean;
  recovering: boolean;
}

/** What came of one send: out (with the open post it replaced), worth another try, or a channel that cannot take posts. */
export type SendOutcome = { status: 'posted'; replacedPostId?: string } | { status: 'retry'; reason: string } | { status: 'channel-gone'; reason: string };

export interface SweepResult {
  posted: PostJob[];
  failed: { job: PostJob; reason: string }[];
}

/**
 * How long a claim belongs to the process that made it. Another process (a shard restarted after
 * a crash) finishes an unfinished claim only once it is this old, so it never posts beside a
 * process that is still sending. A sweep waits for its sends, so this is far longer than a claim
 * held by a live process ever lasts; it is also how late a crashed send is finished.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** Posts in flight at once; discord.js queues requests under Discord's rate limits anyway. */
const CONCURRENCY = 16;

/** What the scheduler needs from Discord; tests pass a fake. */
export interface DailyChannelGateway {
  /** The servers the bot is in now. */
  guildIds(): string[];
  send(job: PostJob): Promise<SendOutcome>;
  /** Closes a post (answer shown, buttons disabled); rejects when Discord refuses the edit. */
  reveal(guildId: string, postId: string): Promise<void>;
}

export class DailyScheduler {
  private task?: ScheduledTask;
  private readonly pass = new SinglePass(() => this.sweepOnce());

  constructor(
    private readonly gateway: DailyChannelGateway,
    private readonly ctx: BotContext,
  ) {}

  start(): void {
    this.task = cron.schedule('* * * * *', () => void this.sweep().catch((error) => this.ctx.logger.error({ err: error }, 'daily sweep failed')), {
      timezone: 'UTC',
    });
    // Catch up at once after a restart rather than waiting for the next minute.
    void this.sweep().catch((error) => this.ctx.logger.error({ err: error }, 'daily sweep failed'));
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.pass.settled();
  }

  /** One pass over every schedule. A tick that arrives while a pass runs joins it. */
  sweep(): Promise<SweepResult> {
    return this.pass.run();
  }

  private async sweepOnce(): Promise<SweepResult> {
    const now = this.ctx.now();
    const guildIds = this.gateway.guildIds();
    const configs = await this.ctx.daily.store.getConfigs(guildIds);
    const jobs: PostJob[] = [];
    for (const guildId of configs.keys()) jobs.push(...(await this.claimDue(guildId, now)));
    const result: SweepResult = { posted: [], failed: [] };
    const toReveal: { guildId: string; postId: string }[] = [];
    await runLimited(jobs, CONCURRENCY, async (job) => {
      const outcome = await this.post(job);
      if (outcome.status !== 'posted') {
        result.failed.push({ job, reason: outcome.reason });
        return;
      }
      result.posted.push(job);
      if (outcome.replacedPostId) toReveal.push({ guildId: job.guildId, postId: outcome.replacedPostId });
    });
    // Posts left open for a day close even when no new post replaces them.
    for (const guildId of configs.keys()) {
      const expired = await this.ctx.daily.store.closeOpenPostsBefore(guildId, now.getTime() - OPEN_POST_LIFETIME_MS);
      toReveal.push(...expired.map((postId) => ({ guildId, postId })));
    }
    // Reveals come after every new post is out, so they never delay today's questions.
    await runLimited(toReveal, CONCURRENCY, async ({ guildId, postId }) => {
      await this.gateway.reveal(guildId, postId).catch((error) => this.ctx.logger.warn({ err: error, guildId, postId }, 'could not reveal a daily question'));
    });
    return result;
  }

  /** Writes claims for every due channel of a server, under the server's lock. */
  private claimDue(guildId: string, now: Date): Promise<PostJob[]> {
    return this.ctx.daily.store.updateConfig(guildId, (config) => {
      const jobs: PostJob[] = [];
      for (const schedule of Object.values(config.channels)) {
        const today = localTime(now, schedule.timezone).date;
        if (schedule.sendingPostId) {
          // Another process may still be sending it.
          if (now.getTime() - (schedule.sendingSince ?? 0) < CLAIM_LEASE_MS) continue;
          // A claim whose send did not finish (crash or restart): finish it today, drop it after.
          if (schedule.lastPostedDate === today) {
            schedule.sendingSince = now.getTime();
            jobs.push({ guildId, channelId: schedule.channelId, postId: schedule.sendingPostId, localDate: today, late: true, recovering: true });
            continue;
          }
          delete schedule.sendingPostId;
        }
        const decision = dueDecision(schedule, now);
        if (!decision.due) continue;
        const postId = freshId(now, this.ctx.random);
        schedule.lastPostedDate = decision.localDate;
        schedule.sendingPostId = postId;
        schedule.sendingSince = now.getTime();
        jobs.push({ guildId, channelId: schedule.channelId, postId, localDate: decision.localDate, late: decision.late, recovering: false });
      }
      return { save: true, result: jobs };
    });
  }

  /** Sends one claimed post and records the outcome on its schedule. */
  private async post(job: PostJob): Promise<SendOutcome> {
    const { logger } = this.ctx;
    const outcome = await this.gateway.send(job).catch((error): SendOutcome => {
      logger.error({ err: error, guildId: job.guildId, channelId: job.channelId }, 'daily post failed unexpectedly');
      return { status: 'retry', reason: error instanceof Error ? error.message : String(error) };
    });
    const postedAt = this.ctx.now().getTime();
    await this.ctx.daily.store
      .updateConfig(job.guildId, (config) => {
        const schedule = config.channels[job.channelId];
        if (!schedule) return { save: false, result: undefined };
        delete schedule.sendingPostId;
        delete schedule.sendingSince;
        if (outcome.status === 'posted') {
          delete schedule.lastError;
          schedule.lastPostId = job.postId;
          schedule.lastPostedAt = postedAt;
        } else {
          schedule.lastError = { at: postedAt, message: outcome.reason };
          // A lost channel waits for tomorrow; anything else may be passing, so the next sweep retries.
          if (outcome.status === 'retry' && schedule.lastPostedDate === job.localDate) delete schedule.lastPostedDate;
        }
        return { save: true, result: undefined };
      })
      .catch((storeError) => logger.error({ err: storeError, guildId: job.guildId, channelId: job.channelId }, 'could not record a daily post outcome'));
    if (outcome.status === 'posted') {
      logger.info({ guildId: job.guildId, channelId: job.channelId, postId: job.postId, late: job.late, recovering: job.recovering }, 'daily question posted');
    } else {
      logger.warn(
        { guildId: job.guildId, channelId: job.channelId, reason: outcome.reason },
        outcome.status === 'channel-gone' ? 'daily channel unavailable; will retry on a later day' : 'daily post failed; will retry',
      );
    }
    return outcome;
  }
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

// The daily scheduler: a sweep every minute (node-cron) over the persisted schedules. For each
// due channel it first writes a claim for the local date, then posts, so restarts and
// overlapping ticks never post twice; a sweep after downtime posts late, once, the same day.
import cron, { type ScheduledTask } from 'node-cron';
import { localTime } from '../../domain/daily/clock.ts';
import { dueDecision } from '../../domain/daily/schedule.ts';
import type { BotContext } from '../context.ts';
import { describePostError, isChannelGone, newPostId } from './poster.ts';

export interface PostJob {
  guildId: string;
  channelId: string;
  postId: string;
  localDate: string;
  previousPostId?: string;
  late: boolean;
  recovering: boolean;
}

export interface SweepResult {
  posted: PostJob[];
  failed: { job: PostJob; reason: string }[];
}

/** Posts in flight at once; discord.js queues requests under Discord's rate limits anyway. */
const CONCURRENCY = 16;

/** What the scheduler needs from Discord; tests pass a fake. */
export interface DailyChannelGateway {
  /** The servers the bot is in now. */
  guildIds(): string[];
  send(job: PostJob): Promise<void>;
  reveal(guildId: string, postId: string): Promise<void>;
}

export class DailyScheduler {
  private task?: ScheduledTask;
  private running?: Promise<SweepResult>;

  constructor(
    private readonly gateway: DailyChannelGateway,
    private readonly ctx: BotContext,
  ) {}

  start(): void {
    this.task = cron.schedule('* * * * *', () => void this.sweep().catch((error) => this.ctx.logger.error({ err: error }, 'daily sweep failed')), { timezone: 'UTC' });
    // Catch up at once after a restart rather than waiting for the next minute.
    void this.sweep().catch((error) => this.ctx.logger.error({ err: error }, 'daily sweep failed'));
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running?.catch(() => undefined);
  }

  /** One pass over every schedule. A tick that arrives while a pass runs joins it. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const now = this.ctx.now();
    const guildIds = this.gateway.guildIds();
    const configs = await this.ctx.daily.store.getConfigs(guildIds);
    const jobs: PostJob[] = [];
    for (const guildId of configs.keys()) jobs.push(...(await this.claimDue(guildId, now)));
    const result: SweepResult = { posted: [], failed: [] };
    await runLimited(jobs, CONCURRENCY, async (job) => {
      const reason = await this.post(job);
      if (reason) result.failed.push({ job, reason });
      else result.posted.push(job);
    });
    // Reveals come after every new post is out, so they never delay today's questions.
    await runLimited(
      result.posted.filter((job) => job.previousPostId),
      CONCURRENCY,
      async (job) => {
        await this.gateway.reveal(job.guildId, job.previousPostId!).catch((error) =>
          this.ctx.logger.warn({ err: error, guildId: job.guildId, postId: job.previousPostId }, 'could not reveal the previous daily question'),
        );
      },
    );
    return result;
  }

  /** Writes claims for every due channel of a server, under the server's lock. */
  private claimDue(guildId: string, now: Date): Promise<PostJob[]> {
    return this.ctx.daily.store.updateConfig(guildId, (config) => {
      const jobs: PostJob[] = [];
      for (const schedule of Object.values(config.channels)) {
        const today = localTime(now, schedule.timezone).date;
        if (schedule.sendingPostId) {
          // A claim whose send did not finish (crash or restart): finish it today, drop it after.
          if (schedule.lastPostedDate === today) {
            jobs.push({ guildId, channelId: schedule.channelId, postId: schedule.sendingPostId, localDate: today, late: true, recovering: true, ...(schedule.lastPostId && { previousPostId: schedule.lastPostId }) });
            continue;
          }
          delete schedule.sendingPostId;
        }
        const decision = dueDecision(schedule, now);
        if (!decision.due) continue;
        const postId = newPostId(this.ctx);
        schedule.lastPostedDate = decision.localDate;
        schedule.sendingPostId = postId;
        jobs.push({ guildId, channelId: schedule.channelId, postId, localDate: decision.localDate, late: decision.late, recovering: false, ...(schedule.lastPostId && { previousPostId: schedule.lastPostId }) });
      }
      return { save: true, result: jobs };
    });
  }

  /** Sends one claimed post; returns why it failed, or undefined. */
  private async post(job: PostJob): Promise<string | undefined> {
    const { logger } = this.ctx;
    try {
      await this.gateway.send(job);
      await this.ctx.daily.store.updateConfig(job.guildId, (config) => {
        const schedule = config.channels[job.channelId];
        if (!schedule) return { save: false, result: undefined };
        delete schedule.sendingPostId;
        delete schedule.lastError;
        schedule.lastPostId = job.postId;
        return { save: true, result: undefined };
      });
      logger.info({ guildId: job.guildId, channelId: job.channelId, postId: job.postId, late: job.late, recovering: job.recovering }, 'daily question posted');
      return undefined;
    } catch (error) {
      const reason = describePostError(error);
      const gone = isChannelGone(error);
      logger.warn({ err: error, guildId: job.guildId, channelId: job.channelId, reason }, gone ? 'daily channel unavailable; will retry on a later day' : 'daily post failed; will retry');
      await this.ctx.daily.store
        .updateConfig(job.guildId, (config) => {
          const schedule = config.channels[job.channelId];
          if (!schedule) return { save: false, result: undefined };
          delete schedule.sendingPostId;
          schedule.lastError = { at: this.ctx.now().getTime(), message: reason };
          // A lost channel waits for tomorrow; anything else may be passing, so the next sweep retries.
          if (!gone && schedule.lastPostedDate === job.localDate) delete schedule.lastPostedDate;
          return { save: true, result: undefined };
        })
        .catch((storeError) => logger.error({ err: storeError }, 'could not record a daily post failure'));
      return reason;
    }
  }
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

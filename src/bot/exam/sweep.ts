// Scores mock exams whose deadline passed while nobody clicked: a periodic sweep over each
// server's index of open exams (one read per server), on the bot's injectable clock.
import type { BotContext } from '../context.ts';
import { sweepEntry } from './examFlow.ts';
import { SinglePass } from '../singlePass.ts';

/** Often enough that a result is ready soon after the deadline; the next click scores it anyway. */
export const EXAM_SWEEP_INTERVAL_MS = 30_000;

export class ExamSweeper {
  private timer?: NodeJS.Timeout;
  private readonly pass = new SinglePass(() => this.sweepOnce());

  constructor(
    private readonly ctx: BotContext,
    /** The servers to look in (the bot's servers and the direct-message pseudo-server). */
    private readonly guildIds: () => string[],
  ) {}

  start(intervalMs = EXAM_SWEEP_INTERVAL_MS): void {
    const tick = () => void this.sweep().catch((error) => this.ctx.logger.error({ err: error }, 'exam sweep failed'));
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    // After a restart, exams that expired while the bot was down are scored at once.
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pass.settled();
  }

  /** One pass; returns how many exams it scored. A tick during a pass joins it. */
  sweep(): Promise<number> {
    return this.pass.run();
  }

  private async sweepOnce(): Promise<number> {
    const now = this.ctx.now().getTime();
    const indexes = await this.ctx.exams.openIndexes(this.guildIds());
    let scored = 0;
    for (const [guild, index] of indexes) {
      for (const [user, deadline] of Object.entries(index.open)) {
        if (deadline > now) continue;
        try {
          if (await sweepEntry(this.ctx, guild, user, deadline)) scored++;
        } catch (error) {
          // One learner's failure must not hold up the others; the next pass tries again.
          this.ctx.logger.error({ err: error, guildId: guild, userId: user }, 'could not score an expired mock exam');
        }
      }
    }
    return scored;
  }
}

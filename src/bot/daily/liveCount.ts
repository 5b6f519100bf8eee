// The daily post shows a live count of answers. Clicks can arrive by the hundred, so edits are
// batched: at most one edit per post per interval, carrying the latest count.
import type { Logger } from '../../logger.ts';

export interface CountTarget {
  guildId: string;
  postId: string;
}

export class LiveCounter {
  private readonly pending = new Map<string, { target: CountTarget; timer: NodeJS.Timeout }>();

  constructor(
    private readonly edit: (target: CountTarget) => Promise<void>,
    private readonly logger: Logger,
    private readonly intervalMs = 5_000,
  ) {}

  bump(target: CountTarget): void {
    const key = `${target.guildId}:${target.postId}`;
    if (this.pending.has(key)) return;
    const timer = setTimeout(() => void this.fire(key), this.intervalMs);
    timer.unref();
    this.pending.set(key, { target, timer });
  }

  private async fire(key: string): Promise<void> {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    try {
      await this.edit(entry.target);
    } catch (error) {
      this.logger.warn({ err: error, postId: entry.target.postId }, 'could not update the answer count');
    }
  }

  /** Sends every pending edit now (shutdown and tests). */
  async flush(): Promise<void> {
    const keys = [...this.pending.keys()];
    for (const key of keys) clearTimeout(this.pending.get(key)!.timer);
    await Promise.all(keys.map((key) => this.fire(key)));
  }
}

// Leaderboard summaries per server, loaded on first use and then kept current by the store's own
// writes. Safe because this process is the only writer of its servers' keys.
import type { MasterySummary } from './records.ts';

type Summaries = Map<string, MasterySummary>;

export class GuildSummaryCache {
  private readonly loaded = new Map<string, Summaries>();
  private readonly loading = new Map<string, Promise<Summaries>>();
  /** Writes made while a server's summaries are being scanned; applied over what the scan read. */
  private readonly writesDuringLoad = new Map<string, Map<string, MasterySummary | undefined>>();

  /** Records a write (undefined: the learner was erased) in whatever is loaded or loading. */
  note(guild: string, user: string, summary: MasterySummary | undefined): void {
    const cached = this.loaded.get(guild);
    if (cached) {
      if (summary) cached.set(user, summary);
      else cached.delete(user);
    }
    this.writesDuringLoad.get(guild)?.set(user, summary);
  }

  /** The server's summaries, scanning them with `load` the first time; concurrent callers share one scan. */
  get(guild: string, load: () => Promise<Summaries>): Promise<Summaries> {
    const cached = this.loaded.get(guild);
    if (cached) return Promise.resolve(cached);
    const inFlight = this.loading.get(guild);
    if (inFlight) return inFlight;
    const pending = new Map<string, MasterySummary | undefined>();
    this.writesDuringLoad.set(guild, pending);
    const loading = load()
      .then((scanned) => {
        for (const [user, summary] of pending) {
          if (summary) scanned.set(user, summary);
          else scanned.delete(user);
        }
        this.loaded.set(guild, scanned);
        return scanned;
      })
      .finally(() => {
        this.loading.delete(guild);
        this.writesDuringLoad.delete(guild);
      });
    this.loading.set(guild, loading);
    return loading;
  }
}

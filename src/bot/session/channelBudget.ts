// Discord lets a channel take 5 message posts or edits per 5 seconds. A round's posts and reveals
// must never wait behind live-count edits, so every send to a channel is noted here and a count
// edit goes out only when it leaves room for what matters. Real time, as Discord's windows are.

export const CHANNEL_WINDOW_MS = 5_000;
export const CHANNEL_LIMIT = 5;
/** Slots a count edit must leave free in the window: a reveal and the next post (or the scoreboard). */
export const RESERVED_FOR_ROUND = 2;

export class ChannelBudget {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  note(channelId: string): void {
    const recent = this.recent(channelId);
    recent.push(this.now());
    this.sent.set(channelId, recent);
  }

  /** Whether a low-priority send (a count edit) fits without eating the round's reserve. */
  allowsCountEdit(channelId: string): boolean {
    return this.recent(channelId).length + 1 + RESERVED_FOR_ROUND <= CHANNEL_LIMIT;
  }

  forget(channelId: string): void {
    this.sent.delete(channelId);
  }

  private recent(channelId: string): number[] {
    const cutoff = this.now() - CHANNEL_WINDOW_MS;
    const recent = (this.sent.get(channelId) ?? []).filter((at) => at > cutoff);
    if (recent.length === 0) this.sent.delete(channelId);
    return recent;
  }
}

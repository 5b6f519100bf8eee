// A periodic pass (the daily scheduler's, the exam sweeper's) that never runs twice at once: a
// tick or a call that arrives while a pass runs joins it instead of starting another.
export class SinglePass<T> {
  private running?: Promise<T>;

  constructor(private readonly pass: () => Promise<T>) {}

  run(): Promise<T> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Waits for the pass in progress, if any, to end (its failure is the caller of `run`'s to see). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}

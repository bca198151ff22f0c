/**
 * The turns this process is working on, so that shutting down can wait for them: a turn cut
 * off mid-way stores nothing (it is one transaction), but the person's reply would be lost.
 */
export class TurnsInFlight {
  private count = 0;
  private waiting: (() => void)[] = [];

  /** How many are running now. */
  get size(): number {
    return this.count;
  }

  /** Runs `work` as a turn in flight until it settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
      if (this.count === 0) this.waiting.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Resolves once none are in flight (at once when none are). */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

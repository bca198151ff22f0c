import type { InboundLog } from "../../ports/inbound-log.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

export class MemoryInboundLog implements InboundLog, Snapshotting {
  private readonly seen = new Map<string, Date>();

  snapshot(): () => void {
    return snapshotOf(this.seen);
  }

  async firstSeen(key: string, at: Date): Promise<boolean> {
    if (this.seen.has(key)) return false;
    this.seen.set(key, at);
    return true;
  }

  async forgetBefore(before: Date): Promise<number> {
    let forgotten = 0;
    for (const [key, at] of this.seen) {
      if (at.getTime() < before.getTime()) {
        this.seen.delete(key);
        forgotten++;
      }
    }
    return forgotten;
  }
}

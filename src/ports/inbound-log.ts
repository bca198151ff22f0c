/**
 * Platform deliveries already handled. Slack retries an event it thinks was missed and
 * Teams may resend an activity: each carries the same id, recorded here once (a unique
 * key, not read-then-write), so two processes receiving the retry still act once.
 */
export interface InboundLog {
  /** Records the key; false when it was already recorded. Example: firstSeen("slack:event:Ev0PV52K25", now). */
  firstSeen(key: string, at: Date): Promise<boolean>;
  /** Forgets keys recorded before `before` (platforms stop retrying within the hour); returns how many. */
  forgetBefore(before: Date): Promise<number>;
}

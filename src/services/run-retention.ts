import { onCaseRecordCutoff, retentionVerdict, type RetentionCandidate } from "../domain/retention.ts";
import type { RetentionCursor } from "../ports/note-repository.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";

/** A note whose case content is (or would be) removed, with why: ids and dates only. */
export interface RetentionItem {
  noteId: string;
  caseRef: string | null;
  onCaseRecordAt: string;
  dueAt: string;
  rule: string;
  explain: string;
}

export interface RetentionReport {
  dryRun: boolean;
  /** The instant the rules were judged at. */
  now: string;
  profile: string;
  /** Notes on the case record long enough to be looked at. */
  checked: number;
  /** Due, and purged unless this was a dry run. */
  due: RetentionItem[];
  /** Purged by this run (0 on a dry run; fewer than `due` when another run purged some meanwhile). */
  purged: number;
}

/** Notes read per page: each page is one bounded query, and each purge its own transaction. */
export const RETENTION_BATCH = 200;

/**
 * Applies the profile's retention rules (docs/operating.md#retention) at `now`: a dry run lists
 * what would go and why; a real run purges each due note's case content, each purge audited
 * (`note.purged`, ids only) in the purge's own transaction. Notes are read in pages, never all at
 * once; people's leaving dates come from the roster (which the process holds anyway).
 */
export async function runRetention(core: Core, opts: { dryRun: boolean; now?: Date; actorId?: string | null; batchSize?: number }): Promise<RetentionReport> {
  const now = opts.now ?? core.clock.now();
  const { profile } = core.settings;
  const rules = profile.retention;
  const leftAt = new Map((await core.storage.people.list()).map((p) => [p.id, p.leftAt]));
  const runId = core.newId();
  const report: RetentionReport = { dryRun: opts.dryRun, now: now.toISOString(), profile: profile.id, checked: 0, due: [], purged: 0 };
  const onCaseRecordBefore = onCaseRecordCutoff(rules, now);
  let after: RetentionCursor | null = null;
  for (;;) {
    const page: RetentionCandidate[] = await core.storage.notes.listRetentionCandidates({ onCaseRecordBefore, after, limit: opts.batchSize ?? RETENTION_BATCH });
    if (page.length === 0) break;
    const last = page.at(-1)!;
    after = { onCaseRecordAt: last.onCaseRecordAt, id: last.id };
    for (const candidate of page) {
      report.checked += 1;
      const verdict = retentionVerdict(candidate, rules, now, (id) => leftAt.get(id) ?? null);
      if (!verdict.due) continue;
      const item: RetentionItem = {
        noteId: candidate.id,
        caseRef: candidate.caseRef,
        onCaseRecordAt: candidate.onCaseRecordAt.toISOString(),
        dueAt: verdict.dueAt.toISOString(),
        rule: verdict.rule,
        explain: verdict.explain,
      };
      report.due.push(item);
      if (opts.dryRun) continue;
      const actorId = opts.actorId ?? null;
      const purge = { at: core.clock.now(), byId: actorId, rule: `${verdict.rule}: ${verdict.explain}` };
      const done = await core.storage.notes.purge(candidate.id, purge, [auditRecord(core, actorId, "note.purged", "note", candidate.id, { run: runId, rule: verdict.rule })]);
      if (done?.changed) report.purged += 1;
    }
  }
  return report;
}

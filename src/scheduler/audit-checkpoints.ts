import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, fstatSync, writeSync } from "node:fs";
import path from "node:path";
import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import { checkpointLine, signCheckpoint, type Checkpoint } from "../domain/audit-checkpoint.ts";
import { AUDITOR_ROLE } from "../domain/people.ts";
import type { NewReminder } from "../domain/reminder.ts";
import type { Logger } from "../logger.ts";
import type { Core } from "../services/core.ts";

/** The file, in the checkpoint folder, that checkpoints are appended to, one JSON line each. */
export const CHECKPOINT_FILE = "audit-checkpoints.jsonl";

export interface CheckpointWriter {
  key: Buffer;
  dir: string;
  log: Logger;
}

/**
 * Appends a signed checkpoint of the audit chain's end to the checkpoint file (flushed to disk)
 * when the chain has grown since the file's last one; the checkpoint, or null when there was
 * nothing new. Example: await writeCheckpoint(core, { key, dir: "data/checkpoints", log }) → { seq: 1204, … }.
 */
export async function writeCheckpoint(core: Core, writer: CheckpointWriter): Promise<Checkpoint | null> {
  const head = await core.storage.audit.last();
  if (!head) return null;
  const file = path.join(writer.dir, CHECKPOINT_FILE);
  const last = lastSeqIn(file);
  if (last !== null && last >= head.seq) return null;
  const checkpoint = signCheckpoint(head, core.clock.now(), writer.key);
  mkdirSync(writer.dir, { recursive: true });
  const fd = openSync(file, "a", 0o600);
  try {
    writeSync(fd, checkpointLine(checkpoint) + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  writer.log.info("audit.checkpoint", { seq: checkpoint.seq, keyId: checkpoint.keyId });
  return checkpoint;
}

/**
 * Queues the day's checkpoint for every auditor on the roster (docs/design.md#who-may-see-what),
 * once per London day whichever replica or sweep asks (the notice's key names the day): a copy
 * of the anchor held outside the bot's database and its server. Returns how many were queued.
 */
export async function sendCheckpointToAuditors(core: Core, checkpoint: Checkpoint): Promise<number> {
  const now = core.clock.now();
  const day = isoDate(londonDateOf(now));
  const auditors = (await core.storage.people.list()).filter((p) => p.active && p.role === AUDITOR_ROLE);
  if (auditors.length === 0) return 0;
  const text = core.prompts.say("audit.checkpoint-notice", { day, seq: checkpoint.seq, line: checkpointLine(checkpoint) });
  const rows: NewReminder[] = auditors.map((auditor) => ({
    id: core.newId(),
    key: `checkpoint|${day}|${auditor.id}`,
    kind: "notice",
    deadlineId: null,
    aboutId: auditor.id,
    recipientId: auditor.id,
    dueAt: now,
    createdAt: now,
    message: JSON.stringify({ text, blocks: [{ type: "text", text }] }),
  }));
  return (await core.storage.schedule.schedule(rows)).length;
}

/** The sequence of the file's last checkpoint, read from its end (the file grows for years). */
function lastSeqIn(file: string): number | null {
  if (!existsSync(file)) return null;
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    const lines = tail.toString("utf8").split("\n").filter((line) => line.trim() !== "");
    for (const line of lines.reverse()) {
      try {
        const seq = (JSON.parse(line) as { seq?: unknown }).seq;
        if (typeof seq === "number") return seq;
      } catch {
        // A line cut by the 4 KiB window, or damaged: look at the one before.
      }
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

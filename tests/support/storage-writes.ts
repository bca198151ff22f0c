import type { Storage } from "../../src/ports/storage.ts";

/**
 * What a request could have written, counted: notes (drafts too), audit entries, and the
 * addresses learnt from Slack and Teams. Equal counts before and after a refused request
 * mean it wrote nothing.
 */
export async function writeCounts(storage: Storage): Promise<Record<string, number>> {
  const notes = await storage.notes.listDiscussedBetween(new Date(0), new Date("9999-12-31T00:00:00Z"));
  const audit = await storage.audit.list();
  const counts: Record<string, number> = { notes: notes.length, audit: audit.length };
  for (const platform of ["slack", "teams"] as const) {
    for (const kind of ["chat", "member", "channel"] as const) counts[`${platform}.${kind}`] = (await storage.conversations.list(platform, kind)).length;
  }
  return counts;
}

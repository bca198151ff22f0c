import { createHash } from "node:crypto";
import { verifyAuditChain } from "../domain/audit.ts";
import { AppError } from "../domain/errors.ts";
import { formatLondon, monthLabel } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import type { Prompts } from "../prompts/prompts.ts";
import { audit } from "../services/audit-trail.ts";
import { complianceMonths, londonMonthRange } from "../services/compliance-summary.ts";
import type { Core } from "../services/core.ts";
import { viewNote } from "../services/view-note.ts";
import { auditExtract, VERIFY_EXTRACT_SCRIPT } from "./audit-extract.ts";
import { complianceAsCsv, complianceAsJson } from "./compliance-data.ts";
import { complianceReportHtml } from "./compliance-report.ts";
import { noteAsJson } from "./note-data.ts";
import { noteAsText } from "./note-text.ts";

/** A file of the pack: its path inside the pack's folder, and its text. */
export interface PackFile {
  path: string;
  content: string;
}

export interface InspectorPack {
  team: string;
  from: string;
  to: string;
  files: PackFile[];
  /** Notes exported in full. */
  notes: number;
  /** Notes in the period the exporter may not read (e.g. a draft that is not theirs): counted, by id. */
  withheld: { noteId: string; caseRef: string | null; reason: string }[];
  auditEntries: number;
}

/**
 * What a council sends an inspector about a team and a period of London months (managers and
 * auditors, the compliance access rule): each month's compliance as a page with the period's
 * charts and as CSV, every note discussed in the period as case-note text and JSON, an extract
 * of the audit chain from the period's start with a script that checks it, a README, and a
 * manifest of every file's SHA-256. The pack is audited once (`inspector-pack.export`), and each
 * note in it as exported.
 */
export async function inspectorPack(core: Core, actor: Person, query: { team: string; from: string; to: string }): Promise<InspectorPack> {
  const say = core.prompts.say;
  const { team, months } = await complianceMonths(core, actor, query, "inspector-pack.export");
  const exportedAt = core.clock.now();
  const files: PackFile[] = [];
  const byline = say("pack.byline", { handle: actor.handle, at: formatLondon(exportedAt) });
  months.forEach((summary, i) => {
    const page = (j: number) => (months[j] ? `${months[j]!.month}.html` : undefined);
    const nav = { ...(page(i - 1) && { previous: page(i - 1) }), ...(page(i + 1) && { next: page(i + 1) }) };
    files.push({ path: `compliance/${summary.month}.html`, content: complianceReportHtml({ team, months, shown: summary.month, nav, note: byline }, core.prompts) });
    files.push({ path: `compliance/${summary.month}.csv`, content: complianceAsCsv(summary) });
  });
  files.push({ path: "compliance/summary.json", content: JSON.stringify(months.map(complianceAsJson), null, 2) + "\n" });

  const rows = new Map(months.flatMap((m) => m.byNote.map((row) => [row.noteId, row] as const)));
  const withheld: InspectorPack["withheld"] = [];
  const noteIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const row of rows.values()) {
    let record;
    try {
      record = await viewNote(core, actor, row.noteId, "export");
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      withheld.push({ noteId: row.noteId, caseRef: row.caseRef, reason: error.code });
      continue;
    }
    await audit(core, actor.id, "note.export", "note", record.note.id, { format: "inspector-pack", version: record.note.version });
    noteIds.add(record.note.id);
    for (const action of record.note.actions) actionIds.add(action.id);
    const name = `notes/${safeName(row.caseRef ?? "no-case")}_${record.note.id}`;
    files.push({ path: `${name}.txt`, content: noteAsText(record, core.prompts) }, { path: `${name}.json`, content: JSON.stringify(noteAsJson(record), null, 2) + "\n" });
  }

  // Read last: the extract ends with this export's own entries.
  const entries = await core.storage.audit.list();
  const chain = verifyAuditChain(entries);
  const extract = auditExtract(entries, londonMonthRange(months[0]!.month).from, (e) =>
    (e.entityType === "team" && e.entityId === team) || (e.entityType === "note" && noteIds.has(e.entityId)) || (e.entityType === "action" && actionIds.has(e.entityId)),
  );
  files.push({ path: "audit/audit-extract.jsonl", content: extract.map((line) => JSON.stringify(line)).join("\n") + (extract.length ? "\n" : "") });
  files.push({ path: "audit/verify-extract.mjs", content: VERIFY_EXTRACT_SCRIPT });

  const last = entries.at(-1);
  const period = { team, from: monthLabel(months[0]!.month), to: monthLabel(months.at(-1)!.month) };
  files.push({
    path: "README.txt",
    content:
      say("pack.readme", {
        ...period,
        byline,
        months: months.length,
        notes: noteIds.size,
        withheld: withheld.length ? withheld.map((w) => `${w.caseRef ?? "?"} (${w.noteId}): ${w.reason}`).join("; ") : "-",
        entries: extract.length,
        chain: chain.ok ? say("pack.chain-ok", { entries: chain.entries }) : say("pack.chain-broken", { at: chain.brokenAt, reason: chain.reason }),
        lastSeq: last?.seq ?? 0,
        lastHash: last?.hash ?? "-",
      }) + "\n",
  });
  files.push({ path: "index.html", content: indexHtml(core.prompts, say("pack.title", period), byline, files) });
  files.push({ path: "MANIFEST.sha256", content: files.map((f) => `${sha256(f.content)}  ${f.path}`).join("\n") + "\n" });
  return { team, from: months[0]!.month, to: months.at(-1)!.month, files, notes: noteIds.size, withheld, auditEntries: extract.length };
}

/** A case reference as part of a file name: letters, digits and dashes. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "no-case";
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function indexHtml(prompts: Prompts, title: string, byline: string, files: readonly PackFile[]): string {
  const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const list = (prefix: string) =>
    `<ul>${files
      .filter((f) => f.path.startsWith(prefix))
      .map((f) => `<li><a href="${esc(f.path)}">${esc(f.path.slice(prefix.length))}</a></li>`)
      .join("")}</ul>`;
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;line-height:1.45;color:#1b1b1b}a{color:#0b4f8a}</style></head>
<body><h1>${esc(title)}</h1><p>${esc(byline)}</p><p><a href="README.txt">README.txt</a></p>
<h2>${esc(prompts.say("pack.index.compliance"))}</h2>${list("compliance/")}
<h2>${esc(prompts.say("pack.index.notes"))}</h2>${list("notes/")}
<h2>${esc(prompts.say("pack.index.audit"))}</h2>${list("audit/")}
</body></html>
`;
}

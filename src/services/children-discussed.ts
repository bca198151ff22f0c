import { findNameInCaseRef, findNameInText, type NameFlag } from "../domain/names-guard.ts";
import type { ChildDiscussed, NoteFields } from "../domain/note.ts";
import { plainText, type Answer, type ChildRow } from "../domain/answers.ts";
import { canonicalCaseRef, isCaseRef } from "../domain/vocabulary.ts";
import type { FieldProblem } from "./note-form.ts";

/** The form input that lists a group session's children: one row per child. */
export const CHILDREN_INPUT = "children";

/** What a group note form's children part says, and what is wrong with it, row by row. */
export interface ReadChildren {
  children: ChildDiscussed[];
  /** One problem for the part, with a part per bad row (row numbers as the form shows them). */
  problem: FieldProblem | null;
  /** Likely names in a row's decision (the "not a name" answer may keep those; until then each is a row's problem). */
  nameFlags: NameFlag[];
}

/**
 * Reads the children a group note lists: rows as the form gave them, or lines typed where the
 * platform has no row inputs ("4471-JB: unannounced visit", read once, here). Each child is a
 * case reference, never a name, once only, with what was decided for them; empty rows are
 * dropped. A case reference that looks like a name is refused outright, "not a name" or not:
 * it must be the case system's id.
 */
export function readChildren(answer: Answer | undefined, staffWords: ReadonlySet<string>, nameOverride: boolean): ReadChildren {
  const rows = rowsOf(answer).filter((row) => row.caseRef.trim() || row.decision.trim());
  const parts: FieldProblem[] = [];
  const nameFlags: NameFlag[] = [];
  const seen = new Map<string, number>();
  const children = rows.map((row, i) => {
    const n = String(i + 1);
    const typed = row.caseRef.trim();
    const decision = row.decision.trim();
    const caseRef = typed ? canonicalCaseRef(typed) : "";
    const nameInRef = findNameInCaseRef(typed, staffWords);
    if (!typed) parts.push({ key: "form.child.no-case-ref", params: { n } });
    else if (nameInRef) parts.push({ key: "form.child.ref-looks-like-name", params: { n, words: nameInRef.words } });
    else if (!isCaseRef(typed)) parts.push({ key: "form.child.ref-format", params: { n, typed } });
    else if (seen.has(caseRef)) parts.push({ key: "form.child.twice", params: { n, caseRef, first: String(seen.get(caseRef)) } });
    else if (!decision) parts.push({ key: "form.child.no-decision", params: { n, caseRef } });
    if (caseRef && !seen.has(caseRef)) seen.set(caseRef, i + 1);
    // A likely name in the decision is pointed out on its row, unless confirmed not a name.
    const flag = findNameInText(CHILDREN_INPUT, decision, staffWords);
    if (flag) nameFlags.push(flag);
    if (flag && !nameOverride) parts.push({ key: "form.child.looks-like-name", params: { n, words: flag.words } });
    // A likely name is never kept, not even in a draft: the form still shows what was typed.
    return { caseRef: nameInRef ? "" : caseRef, decision };
  });
  return { children, problem: parts.length ? { key: "form.children-problems", parts } : null, nameFlags };
}

/** The children part as the form first shows it: as stored, or the session's presented case as the first row. */
export function childrenAnswer(fields: NoteFields): Answer {
  const rows: ChildRow[] = fields.children ? fields.children.map((c) => ({ ...c })) : fields.caseRef ? [{ caseRef: fields.caseRef, decision: "" }] : [];
  return { type: "children", rows };
}

function rowsOf(answer: Answer | undefined): ChildRow[] {
  if (answer?.type === "children") return answer.rows;
  return plainText(answer)
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").trim())
    .filter(Boolean)
    .map((line) => {
      const split = /^([^:]*?)\s*(?::|\s[-–]\s)\s*(.*)$/.exec(line);
      return split ? { caseRef: split[1]!, decision: split[2]! } : { caseRef: line, decision: "" };
    });
}

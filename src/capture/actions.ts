// SMART actions: what, one owner, a due date. Reads "Sam to visit by tomorrow 5pm",
// "@priya: chase school report by 25/11", "visit family — @sam — Friday", "police check".
import { END_OF_WORKING_DAY, readLondonDateTime } from "./dates.ts";
import { OWNER_LEAD, OWNER_PUNCT, ownerOnly, ownerOrNull } from "./owners.ts";
import { listItems, tidy } from "./prose.ts";
import type { ParseContext, ParsedAction } from "./parse-message.ts";
import { saysNoActions } from "../domain/vocabulary.ts";

const PART_SPLIT = /\s+[—–-]{1,2}\s+|\s*\|\s*/;
const TRAILING_PARENS = /\s*\(([^()]*)\)\s*$/;
const DUE_LABEL = /^(?:due|by|when|deadline|date)\s*:?\s*/i;
const CONNECTOR_BEFORE_DATE = /\s*\b(?:by|on|before|until|till|no later than|due(?:\s+(?:by|on))?|for|at|latest|from|within|in|,)\s*$/i;
/** Words that make a date in the middle of an action its due date: "visit by Friday at the latest". */
const DUE_CONNECTOR = /\b(?:by|before|until|till|no later than|due(?:\s+(?:by|on))?|on)\s*$/i;
/** "@jo convene strat disc": a handle is a person even without "to". */
const HANDLE_LEAD = /^(@[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?)\s+(?=[a-z])/;
const LEADING_TO = /^(?:to|will)\s+/i;
/** Splits "Sam to visit and me to review Friday" between owners, and between sentences. */
const BETWEEN_ITEMS = /(?:,\s*|\s+and\s+|\s+then\s+)(?=(?:@[\w.-]+|[A-Z][a-z]+|me|I)\s+(?:to|will)\s|@[\w.-]+:\s)|(?<=[.!?])\s+(?=[A-Z@])/;

/** Reads one action typed on a line or in a form field. */
export function parseActionLine(line: string, ctx: ParseContext): ParsedAction {
  let text = tidy(line.replace(/^\s*(?:[-*+]|\d{1,2}[.)])\s+/, "").replace(/^actions?\s*:\s*/i, ""));
  let owner: string | null = null;
  let due: Date | null = null;
  let dueText: string | null = null;

  const takeDue = (part: string): boolean => {
    if (due) return false;
    const cleaned = part.replace(DUE_LABEL, "");
    const r = readDue(cleaned, ctx);
    if (!r) return false;
    const rest = (cleaned.slice(0, r.index).replace(CONNECTOR_BEFORE_DATE, "") + cleaned.slice(r.index + r.text.length)).trim();
    if (rest) return false;
    due = r.instant;
    dueText = r.text;
    return true;
  };
  const takeOwner = (part: string): boolean => {
    if (owner) return false;
    owner = ownerOnly(part);
    return owner !== null;
  };

  // "visit family (Sam, Friday)"
  const parens = TRAILING_PARENS.exec(text);
  if (parens) {
    const inner = parens[1]!.split(/\s*,\s*/);
    if (inner.every((p) => takeOwner(p) || takeDue(p))) text = text.slice(0, parens.index);
  }
  // "visit family — @sam — Friday"
  const parts = text.split(PART_SPLIT);
  if (parts.length > 1) {
    const kept = parts.filter((p, i) => i === 0 || !(takeOwner(p) || takeDue(p)));
    text = kept.join(" - ");
  }
  if (!owner) {
    const lead = OWNER_LEAD.exec(text) ?? OWNER_PUNCT.exec(text) ?? HANDLE_LEAD.exec(text);
    const who = lead ? ownerOrNull(lead[1]!) : null;
    if (lead && who) {
      owner = who;
      text = text.slice(lead[0].length);
    }
  }
  if (!due) {
    const r = readDue(text, ctx);
    // A date inside the words ("read the 5 December strategy minutes") is part of what to
    // do; only one that ends the action ("review Friday") or follows "by", "before", "on"…
    // is when it is due.
    const inside = r && text.slice(r.index + r.text.length).trim() !== "" && !DUE_CONNECTOR.test(text.slice(0, r.index));
    if (r && !inside) {
      due = r.instant;
      dueText = r.text;
      text = `${text.slice(0, r.index).replace(CONNECTOR_BEFORE_DATE, "")} ${text.slice(r.index + r.text.length)}`;
    }
  }
  const what = tidy(text.replace(LEADING_TO, "").replace(/\s{2,}/g, " "));
  return { what, owner, due, dueText };
}

function readDue(text: string, ctx: ParseContext) {
  return readLondonDateTime(text, ctx.now, { forwardDates: true, defaultTime: ctx.endOfDay ?? END_OF_WORKING_DAY });
}

/** The actions in an "Actions:" section or a prose clause: one per line, bullet, ";" or owner. */
export function readActions(text: string, ctx: ParseContext): ParsedAction[] {
  const out: ParsedAction[] = [];
  for (const item of listItems(text, BETWEEN_ITEMS)) {
    if (saysNoActions(item)) continue;
    // "Tom to write the report by 9/12, visit by thurs": the second shares the first's owner.
    let owner: string | null = null;
    item.split(SHARED_OWNER_SPLIT).forEach((part, i) => {
      const a = parseActionLine(part, ctx);
      if (i > 0 && !a.owner) a.owner = owner;
      owner = a.owner;
      if (a.what !== "" || a.owner !== null) out.push(a);
    });
  }
  return out;
}

/** A comma after a due date, before another thing to do with its own due date. */
const SHARED_OWNER_SPLIT = /(?<=\b(?:by|before|on|for)\s+[\w/.:]+(?:\s+(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?|am|pm))?),\s+(?=[a-z][^,]{0,60}?\b(?:by|before)\s)/i;

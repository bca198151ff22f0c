// The team, as the parser knows it: colleagues written without "@" and in lower case ("sam",
// "w/ priya", "Ivan and I") are given their capital, so the rest of the parser reads them as
// people. Words that are also everyday words ("kit", "will") only where a person stands.
import { NAMES_THAT_ARE_WORDS } from "../domain/vocabulary.ts";
import type { TeamMember } from "./parse-message.ts";

const EVERYDAY: ReadonlySet<string> = new Set(NAMES_THAT_ARE_WORDS);
/** Where only a person can stand: before "to <verb>", "and I", a doubt or agreement; after "w/", "with", "spoke to", "+". */
const PERSON_AFTER = /^\s+(?:to\s+[a-z]|will\b|and\s+(?:i|me)\b|\+\s*me\b|not\s+(?:keen|sure|convinced|happy)|wasn'?t|was\s+not|felt|feels|thinks|thought|agreed|disagreed|unsure|had\s+doubts|'ll\b)|^'ll\b|^\s*[–—-]\s*$|^\s*$/i;
const PERSON_BEFORE = /(?:\bw\/\s*|\bwith\s+|\bw\s+|\bto\s+|\+\s*|\bme\s+and\s+|[–—-]\s+|\bfrom\s+)$/i;

const wordsOfTeam = new WeakMap<readonly TeamMember[], ReadonlyMap<string, string>>();

/**
 * Lower-case first names and handles of the team, each mapped to how it is written capitalised;
 * made once per team list (the directory keeps one per roster), so a message costs the same
 * with 10,000 people on the roster as with 10.
 */
function teamWords(team: readonly TeamMember[]): ReadonlyMap<string, string> {
  let words = wordsOfTeam.get(team);
  if (!words) wordsOfTeam.set(team, (words = wordsOf(team)));
  return words;
}

function wordsOf(team: readonly TeamMember[]): Map<string, string> {
  const words = new Map<string, string>();
  for (const m of team) {
    for (const w of [m.name.trim().split(/\s+/)[0] ?? "", m.handle]) {
      const lower = w.toLowerCase();
      if (/^[a-z][a-z'-]+$/.test(lower) && !words.has(lower)) words.set(lower, lower[0]!.toUpperCase() + lower.slice(1));
    }
  }
  return words;
}

const WORD = /(?<![@\w.'’/-])([a-z][a-z'-]+)(?![\w@'’-])/g;

/** The message with the team's names capitalised and a lone "i" made "I". Same length as the input. */
export function capitaliseTeam(text: string, team: readonly TeamMember[] | undefined): string {
  let out = text.replace(/(?<![\w.'’(-])i(?=\s|'m\b|'ll\b|'ve\b|$|[,;]|\.(?!e))/g, "I");
  if (!team?.length) return out;
  const words = teamWords(team);
  out = out.replace(WORD, (word, _w, at: number) => {
    const capital = words.get(word);
    if (!capital) return word;
    if (EVERYDAY.has(word) && !(PERSON_AFTER.test(out.slice(at + word.length, at + word.length + 24)) || PERSON_BEFORE.test(out.slice(Math.max(0, at - 12), at)))) return word;
    return capital;
  });
  return out;
}

import type { Clock } from "../domain/clock.ts";
import { DEFAULT_ROLE_RANKS, type RoleRanks } from "../domain/people.ts";
import type { Prompts } from "../prompts/prompts.ts";
import type { Storage } from "../ports/storage.ts";

export interface CoreSettings {
  /** Seniority of roles: the most senior participant records the note. */
  roleRanks: RoleRanks;
  /** End of working hours (London): a due date without a time means this time that day. */
  endOfDay: { hour: number; minute: number };
  /** Hours from discussed-at within which a note must be recorded (the 48-hour rule [004 §7]). */
  noteCompleteHours: number;
}

export const DEFAULT_SETTINGS: CoreSettings = {
  roleRanks: DEFAULT_ROLE_RANKS,
  endOfDay: { hour: 17, minute: 30 },
  noteCompleteHours: 48,
};

/** What every use case needs: storage, the clock, ids, settings and the bot's words. */
export interface Core {
  storage: Storage;
  clock: Clock;
  newId: () => string;
  settings: CoreSettings;
  prompts: Prompts;
}

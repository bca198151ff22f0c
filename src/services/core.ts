import type { DashboardLinks } from "./dashboard-link.ts";
import type { Clock } from "../domain/clock.ts";
import { DEFAULT_ROLE_RANKS, type RoleRanks } from "../domain/people.ts";
import { loadProfile } from "../policy/load-profile.ts";
import type { PolicyProfile } from "../policy/profile.ts";
import type { Prompts } from "../prompts/prompts.ts";
import type { Storage } from "../ports/storage.ts";

export interface CoreSettings {
  /** Seniority of roles: the most senior participant records the note. */
  roleRanks: RoleRanks;
  /**
   * The authority's timescales, reminder offsets and working hours (docs/design.md#timescales). Its
   * working hours' end is also when a due date given without a time falls.
   */
  profile: PolicyProfile;
}

export const DEFAULT_SETTINGS: CoreSettings = {
  roleRanks: DEFAULT_ROLE_RANKS,
  profile: loadProfile("default"),
};

/** What every use case needs: storage, the clock, ids, settings and the bot's words. */
export interface Core {
  storage: Storage;
  clock: Clock;
  newId: () => string;
  settings: CoreSettings;
  prompts: Prompts;
  /** Asks this process's scheduler for a sweep now (a notice was queued); set while one runs. */
  wake?: () => void;
  /** Signs and addresses dashboard links; absent where the bot has no key for them (PostgreSQL without DASHBOARD_KEY). */
  dashboard?: DashboardLinks;
}

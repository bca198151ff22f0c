import { systemClock, type Clock } from "./domain/clock.ts";
import { shortId } from "./domain/ids.ts";
import type { Config } from "./config/env.ts";
import type { Logger } from "./logger.ts";
import { checkPromptKeys, loadPrompts } from "./prompts/prompts.ts";
import { groupPromptKeys } from "./scheduler/group-messages.ts";
import type { Storage } from "./ports/storage.ts";
import type { Core } from "./services/core.ts";
import { openStorage } from "./storage/prisma/open-storage.ts";

/** The composition root: the one place that picks the real storage, clock and words. */
export async function composeCore(config: Config, clock: Clock = systemClock, log?: Logger): Promise<Core> {
  const prompts = loadPrompts(config.promptsFile);
  checkPromptKeys(prompts, groupPromptKeys());
  const storage = await composeStorage(config, clock, log);
  return {
    storage,
    clock,
    newId: () => shortId(),
    prompts,
    settings: { roleRanks: config.roleRanks, profile: config.profile },
  };
}

/** The configured database alone, migrated (`oversight db migrate`): nothing else of the core is needed. */
export function composeStorage(config: Config, clock: Clock = systemClock, log?: Logger): Promise<Storage> {
  return openStorage(config.databaseUrl, { clock, ...(log ? { log } : {}) });
}

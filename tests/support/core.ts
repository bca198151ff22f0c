import { FixedClock } from "../../src/domain/clock.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { createMemoryStorage } from "../../src/storage/memory/memory-storage.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { team } from "./fixtures.ts";
import { storeFromEnv, type TestStore } from "./stores.ts";

/** A core on in-memory storage with the sample team and a fixed clock (Mon 23 Nov 2026 15:00 London). */
export async function testCore(opts: { now?: string } = {}) {
  return coreOn(createMemoryStorage(), new FixedClock(opts.now ?? "2026-11-23T15:00:00Z"));
}

/**
 * As `testCore`, but on a new database of the store TEST_STORE names when it names one
 * (vitest.config.ts runs the Slack and Teams endpoint tests once per store). Close its storage when done.
 */
export async function endpointTestCore(opts: EndpointCoreOptions = {}) {
  const clock = new FixedClock(opts.now ?? "2026-11-23T15:00:00Z");
  const store = opts.store !== undefined ? opts.store : storeFromEnv();
  const storage = store ? await openStorage(await store.fresh(), { clock }) : createMemoryStorage();
  return coreOn<Storage>(opts.wrap ? opts.wrap(storage) : storage, clock);
}

export interface EndpointCoreOptions {
  now?: string;
  /** The database to run on, whatever TEST_STORE says (tests/faults: always a real file). */
  store?: TestStore | null;
  /** The storage as the bot sees it: e.g. a slowed database (tests/faults/slow-database.test.ts). */
  wrap?: (storage: Storage) => Storage;
}

/** A core on `storage` with the sample team saved, as the helpers above make one (a test's own database: the end-to-end tests). */
export async function coreOn<S extends Storage>(storage: S, clock: FixedClock) {
  let n = 0;
  const core: Core = { storage, clock, newId: () => `id${++n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
  await storage.people.saveAll(team(), clock.now());
  const person = async (handle: string) => (await storage.people.findByHandle(handle))!;
  return { core, clock, storage, person };
}

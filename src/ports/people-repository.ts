import type { Person, Platform } from "../domain/people.ts";

/** The roster: who people are, their roles, teams and line managers. */
export interface PeopleRepository {
  /** Inserts or replaces people by id in one transaction (a roster import is all or nothing). */
  saveAll(people: readonly Person[], at: Date): Promise<void>;
  findById(id: string): Promise<Person | null>;
  /** Case-insensitive, without a leading "@". Example: findByHandle("sam"). */
  findByHandle(handle: string): Promise<Person | null>;
  /** Example: findByPlatformId("slack", "U024BE7LH"). */
  findByPlatformId(platform: Platform, externalId: string): Promise<Person | null>;
  /** Everyone, by handle. Frozen: every caller may be handed the same people. */
  list(): Promise<readonly Person[]>;
  /**
   * The roster as this process last read it, without asking the database; null before the
   * first read. For rendering after a turn (the turn read it): an import by another process
   * shows from the next turn on.
   */
  lastKnown(): readonly Person[] | null;
}

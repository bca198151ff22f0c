import { frozenRoster, type Person, type Platform } from "../../domain/people.ts";
import type { PeopleRepository } from "../../ports/people-repository.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

export class MemoryPeopleRepository implements PeopleRepository, Snapshotting {
  private readonly people = new Map<string, Person>();

  snapshot(): () => void {
    return snapshotOf(this.people);
  }

  async saveAll(people: readonly Person[]): Promise<void> {
    const next = new Map(this.people);
    for (const person of people) next.set(person.id, structuredClone(person));
    const handles = new Set<string>();
    for (const person of next.values()) {
      const handle = person.handle.toLowerCase();
      if (handles.has(handle)) throw new Error(`Duplicate handle ${handle}`);
      handles.add(handle);
    }
    this.people.clear();
    for (const [id, person] of next) this.people.set(id, person);
  }

  async findById(id: string): Promise<Person | null> {
    return this.copy(this.people.get(id));
  }

  async findByHandle(handle: string): Promise<Person | null> {
    const wanted = handle.replace(/^@/, "").toLowerCase();
    return this.copy([...this.people.values()].find((p) => p.handle.toLowerCase() === wanted));
  }

  async findByPlatformId(platform: Platform, externalId: string): Promise<Person | null> {
    return this.copy(
      [...this.people.values()].find((p) => p.identities.some((i) => i.platform === platform && i.externalId === externalId)),
    );
  }

  lastKnown(): readonly Person[] | null {
    return this.frozen();
  }

  async list(): Promise<readonly Person[]> {
    return this.frozen();
  }

  private frozen(): readonly Person[] {
    // Frozen, as the database's are: a caller that changed one would fail here too.
    return frozenRoster([...this.people.values()].sort((a, b) => a.handle.localeCompare(b.handle)).map((p) => structuredClone(p)));
  }

  private copy(person: Person | undefined): Person | null {
    return person ? structuredClone(person) : null;
  }
}

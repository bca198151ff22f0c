import type { TeamMember } from "../capture/parse-message.ts";
import { allowedWordsFrom } from "../domain/names-guard.ts";
import type { Person } from "../domain/people.ts";
import type { PeopleRepository } from "../ports/people-repository.ts";

/**
 * The roster loaded once per turn: resolves what people type ("@sam", "Sam", "Sam Worker",
 * "me") to rostered people, and knows which words are staff names for the names guard.
 */
const built = new WeakMap<readonly Person[], Directory>();

export class Directory {
  readonly byId: ReadonlyMap<string, Person>;
  readonly staffWords: ReadonlySet<string>;
  /** The active people as the message parser knows them: "sam" in a message is Sam. */
  readonly team: readonly TeamMember[];

  /** Active people by lower-cased handle, full name and first name: a lookup costs the same however long the roster. */
  private readonly byHandle: ReadonlyMap<string, Person>;
  private readonly byName: ReadonlyMap<string, readonly Person[]>;
  private readonly byFirstName: ReadonlyMap<string, readonly Person[]>;

  private constructor(readonly people: readonly Person[]) {
    this.byId = new Map(people.map((p) => [p.id, p]));
    this.staffWords = allowedWordsFrom(people);
    const active = people.filter((p) => p.active);
    this.team = active.map((p) => ({ handle: p.handle, name: p.name }));
    this.byHandle = new Map(active.map((p) => [p.handle.toLowerCase(), p]));
    this.byName = groupBy(active, (p) => p.name.toLowerCase());
    this.byFirstName = groupBy(active, (p) => p.name.split(/\s+/)[0]?.toLowerCase() ?? "");
  }

  /** The roster's directory; built once per roster the repository hands out (it keeps one until the roster changes). */
  static async load(repo: PeopleRepository): Promise<Directory> {
    const people = await repo.list();
    let directory = built.get(people);
    if (!directory) built.set(people, (directory = new Directory(people)));
    return directory;
  }

  static of(people: readonly Person[]): Directory {
    return new Directory(people);
  }

  /** The one active rostered person the words name, or null when none or several do. */
  resolve(written: string, actor: Person): Person | null {
    const words = written.trim().replace(/^@/, "").replace(/[.,;:]+$/, "");
    const lower = words.toLowerCase();
    if (lower === "me" || lower === "i" || lower === "myself") return actor;
    const byHandle = this.byHandle.get(lower);
    if (byHandle) return byHandle;
    const byName = this.byName.get(lower) ?? [];
    if (byName.length === 1) return byName[0]!;
    const byFirst = this.byFirstName.get(lower) ?? [];
    return byFirst.length === 1 ? byFirst[0]! : null;
  }

  get(id: string): Person | undefined {
    return this.byId.get(id);
  }

  /** "@sam" for a rostered id, the words themselves otherwise. */
  handleOf(idOrWords: string): string {
    const person = this.byId.get(idOrWords);
    return person ? `@${person.handle}` : idOrWords;
  }

  /** "Sam Worker" for a rostered id, the words themselves otherwise. */
  nameOf(idOrWords: string): string {
    return this.byId.get(idOrWords)?.name ?? idOrWords;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

import { frozenRoster, type Person, type Platform } from "../../domain/people.ts";
import type { PeopleRepository } from "../../ports/people-repository.ts";
import { Prisma } from "./generated/client.ts";
import type { Db } from "./prisma-db.ts";
import { chunks, execute, insertRows, isUniqueViolation, selectRows } from "./sql.ts";

type PersonRow = Prisma.PersonGetPayload<{ include: { identities: true } }>;

const withIdentities = { identities: { orderBy: [{ platform: "asc" }, { externalId: "asc" }] } } satisfies Prisma.PersonInclude;

/**
 * The roster in the database; handles match case-insensitively through the lower-cased
 * `handleKey`. Inside a transaction (a turn) the whole roster is known from the first lookup,
 * and every lookup after it is answered from that: a turn resolves several people. The
 * process keeps the roster between turns with its data version; a turn reads only the
 * version (one small row), and the whole roster again only after an import, in any process,
 * has changed it. So a turn costs the same with 10 people on the roster as with 10,000.
 */
export class PrismaPeopleRepository implements PeopleRepository {
  constructor(private readonly db: Db) {}

  async saveAll(people: readonly Person[], at: Date): Promise<void> {
    const batch = [...new Map(people.map((p) => [p.id, p])).values()]; // the last of one id wins
    try {
      await this.db.inTransaction(async (tx) => {
        tx.unit.roster = null;
        // A write first, so the transaction holds the write lock before it reads (SQLite WAL).
        await tx.q.dataVersion.upsert({ where: { name: ROSTER }, create: { name: ROSTER, version: 1 }, update: { version: { increment: 1 } } });
        // Every statement's bound values are bounded (chunks of ids, rows per INSERT), so a roster
        // of any size imports: a list of 1,000 ids once broke Prisma's limit of 999.
        const existing = new Map((await selectRows<{ id: string; handleKey: string }>(tx, Prisma.sql`SELECT "id", "handleKey" FROM "Person"`)).map((p) => [p.id, p.handleKey]));
        for (const ids of chunks(batch.map((p) => p.id))) {
          await execute(tx, Prisma.sql`DELETE FROM "PlatformIdentity" WHERE "personId" IN (${Prisma.join(ids)})`);
        }
        // Park changed handles first, so two people may swap handles within one import.
        const renamed = batch.filter((p) => existing.has(p.id) && existing.get(p.id) !== handleKey(p.handle)).map((p) => p.id);
        for (const ids of chunks(renamed)) {
          await execute(tx, Prisma.sql`UPDATE "Person" SET "handleKey" = ${PARKED} || "id" WHERE "id" IN (${Prisma.join(ids)})`);
        }
        const rows = batch.map((person) => ({ id: person.id, ...columns(person), createdAt: at, updatedAt: at }));
        await insertRows(tx, "Person", rows, { key: "id", update: UPDATED_COLUMNS });
        const identities = batch.flatMap((p) => p.identities.map((i) => ({ platform: i.platform, externalId: i.externalId, personId: p.id })));
        await insertRows(tx, "PlatformIdentity", identities);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Error("Roster not saved: two people share a handle or a platform id", { cause: error });
      }
      throw error;
    }
  }

  async findById(id: string): Promise<Person | null> {
    if (this.db.unit) return this.fromRoster((p) => p.id === id);
    return toPerson(await this.db.q.person.findUnique({ where: { id }, include: withIdentities }));
  }

  async findByHandle(handle: string): Promise<Person | null> {
    const key = handleKey(handle.replace(/^@/, ""));
    if (this.db.unit) return this.fromRoster((p) => handleKey(p.handle) === key);
    return toPerson(await this.db.q.person.findUnique({ where: { handleKey: key }, include: withIdentities }));
  }

  async findByPlatformId(platform: Platform, externalId: string): Promise<Person | null> {
    if (this.db.unit) return this.fromRoster((p) => p.identities.some((i) => i.platform === platform && i.externalId === externalId));
    const identity = await this.db.q.platformIdentity.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { person: { include: withIdentities } },
    });
    return toPerson(identity?.person ?? null);
  }

  async list(): Promise<readonly Person[]> {
    return this.roster();
  }

  lastKnown(): readonly Person[] | null {
    return this.db.shared.roster?.people ?? null;
  }

  private async roster(): Promise<readonly Person[]> {
    if (this.db.unit?.roster) return this.db.unit.roster;
    // Every turn reads this one row, so SQL (see sql.ts).
    const [row] = await selectRows<{ version: number }>(this.db, Prisma.sql`SELECT "version" FROM "DataVersion" WHERE "name" = ${ROSTER}`);
    const version = row?.version ?? 0;
    let cached = this.db.shared.roster;
    if (cached?.version !== version) {
      const rows = await this.db.q.person.findMany({ include: withIdentities });
      const people = rows.map((row) => toPerson(row)!).sort((a, b) => a.handle.localeCompare(b.handle));
      // Read outside a transaction, an import may land between the version and the rows: the
      // rows are then newer than the version says, and the next turn simply reads them again.
      cached = { version, people: frozenRoster(people) };
      this.db.shared.roster = cached;
    }
    if (this.db.unit) this.db.unit.roster = cached.people;
    return cached.people;
  }

  private async fromRoster(match: (person: Person) => boolean): Promise<Person | null> {
    const found = (await this.roster()).find(match);
    return found ? structuredClone(found) : null;
  }
}

const ROSTER = "roster";
/** A parked handle key's prefix: no handle holds a line break, so a parked key matches no one's. */
const PARKED = "\n";
/** What an import overwrites of a person already on the roster (all but when they were added). */
const UPDATED_COLUMNS = ["handle", "handleKey", "name", "role", "team", "lineManagerId", "deputyId", "email", "active", "workingHours", "leftAt", "startedOn", "newlyQualified", "updatedAt"] as const;

function handleKey(handle: string): string {
  return handle.toLowerCase();
}

function columns(person: Person) {
  return {
    handle: person.handle,
    handleKey: handleKey(person.handle),
    name: person.name,
    role: person.role,
    team: person.team,
    lineManagerId: person.lineManagerId,
    deputyId: person.deputyId,
    workingHours: person.workingHours,
    email: person.email,
    active: person.active,
    leftAt: person.leftAt,
    startedOn: person.startedOn,
    newlyQualified: person.newlyQualified,
  };
}

function toPerson(row: PersonRow | null): Person | null {
  if (!row) return null;
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    role: row.role,
    team: row.team,
    lineManagerId: row.lineManagerId,
    deputyId: row.deputyId,
    workingHours: row.workingHours,
    email: row.email,
    active: row.active,
    leftAt: row.leftAt,
    startedOn: row.startedOn,
    newlyQualified: row.newlyQualified,
    identities: row.identities.map((i) => ({ platform: i.platform as Platform, externalId: i.externalId })),
  };
}

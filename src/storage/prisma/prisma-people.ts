import type { Person, Platform } from "../../domain/people.ts";
import type { PeopleRepository } from "../../ports/people-repository.ts";
import { Prisma, type PrismaClient } from "./generated/client.ts";

type PersonRow = Prisma.PersonGetPayload<{ include: { identities: true } }>;

const withIdentities = { identities: { orderBy: [{ platform: "asc" }, { externalId: "asc" }] } } satisfies Prisma.PersonInclude;

/** The roster in the database; handles match case-insensitively through the lower-cased `handleKey`. */
export class PrismaPeopleRepository implements PeopleRepository {
  constructor(private readonly db: PrismaClient) {}

  async saveAll(people: readonly Person[], at: Date): Promise<void> {
    const batch = [...new Map(people.map((p) => [p.id, p])).values()]; // the last of one id wins
    const ids = batch.map((p) => p.id);
    try {
      await this.db.$transaction(async (tx) => {
        // A write first, so the transaction holds the write lock before it reads (SQLite WAL).
        await tx.platformIdentity.deleteMany({ where: { personId: { in: ids } } });
        const existing = new Map((await tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, handleKey: true } })).map((p) => [p.id, p.handleKey]));
        // Park changed handles first, so two people may swap handles within one import.
        for (const person of batch) {
          const before = existing.get(person.id);
          if (before !== undefined && before !== handleKey(person.handle)) {
            await tx.person.update({ where: { id: person.id }, data: { handleKey: `\n${person.id}` } });
          }
        }
        for (const person of batch) {
          const data = { ...columns(person), updatedAt: at };
          if (existing.has(person.id)) await tx.person.update({ where: { id: person.id }, data });
          else await tx.person.create({ data: { id: person.id, ...data, createdAt: at } });
        }
        const identities = batch.flatMap((p) => p.identities.map((i) => ({ platform: i.platform, externalId: i.externalId, personId: p.id })));
        if (identities.length > 0) await tx.platformIdentity.createMany({ data: identities });
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new Error("Roster not saved: two people share a handle or a platform id", { cause: error });
      }
      throw error;
    }
  }

  async findById(id: string): Promise<Person | null> {
    return toPerson(await this.db.person.findUnique({ where: { id }, include: withIdentities }));
  }

  async findByHandle(handle: string): Promise<Person | null> {
    return toPerson(await this.db.person.findUnique({ where: { handleKey: handleKey(handle.replace(/^@/, "")) }, include: withIdentities }));
  }

  async findByPlatformId(platform: Platform, externalId: string): Promise<Person | null> {
    const identity = await this.db.platformIdentity.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { person: { include: withIdentities } },
    });
    return toPerson(identity?.person ?? null);
  }

  async list(): Promise<Person[]> {
    const rows = await this.db.person.findMany({ include: withIdentities });
    return rows.map((row) => toPerson(row)!).sort((a, b) => a.handle.localeCompare(b.handle));
  }
}

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
    identities: row.identities.map((i) => ({ platform: i.platform as Platform, externalId: i.externalId })),
  };
}

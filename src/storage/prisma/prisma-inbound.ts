import type { InboundLog } from "../../ports/inbound-log.ts";
import { Prisma } from "./generated/client.ts";
import type { Db } from "./prisma-db.ts";
import { execute } from "./sql.ts";

export class PrismaInboundLog implements InboundLog {
  constructor(private readonly db: Db) {}

  async firstSeen(key: string, at: Date): Promise<boolean> {
    // Every platform delivery's turn begins with this, so SQL (see sql.ts). A key already
    // there inserts nothing: no failed statement, which would spoil a PostgreSQL transaction.
    const inserted = await execute(this.db, Prisma.sql`INSERT INTO "InboundDelivery" ("key", "receivedAt") VALUES (${key}, ${at}) ON CONFLICT ("key") DO NOTHING`);
    return inserted === 1;
  }

  async forgetBefore(before: Date): Promise<number> {
    const { count } = await this.db.q.inboundDelivery.deleteMany({ where: { receivedAt: { lt: before } } });
    return count;
  }
}

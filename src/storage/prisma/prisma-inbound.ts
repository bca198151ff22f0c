import type { InboundLog } from "../../ports/inbound-log.ts";
import type { Db } from "./prisma-db.ts";
import { isUniqueViolation } from "./sql.ts";

export class PrismaInboundLog implements InboundLog {
  constructor(private readonly db: Db) {}

  async firstSeen(key: string, at: Date): Promise<boolean> {
    try {
      await this.db.q.inboundDelivery.create({ data: { key, receivedAt: at } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async forgetBefore(before: Date): Promise<number> {
    const { count } = await this.db.q.inboundDelivery.deleteMany({ where: { receivedAt: { lt: before } } });
    return count;
  }
}

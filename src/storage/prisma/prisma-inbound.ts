import type { InboundLog } from "../../ports/inbound-log.ts";
import { Prisma, type PrismaClient } from "./generated/client.ts";

export class PrismaInboundLog implements InboundLog {
  constructor(private readonly prisma: PrismaClient) {}

  async firstSeen(key: string, at: Date): Promise<boolean> {
    try {
      await this.prisma.inboundDelivery.create({ data: { key, receivedAt: at } });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
      throw error;
    }
  }

  async forgetBefore(before: Date): Promise<number> {
    const { count } = await this.prisma.inboundDelivery.deleteMany({ where: { receivedAt: { lt: before } } });
    return count;
  }
}

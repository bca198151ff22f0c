import type { ConversationAddress, ConversationBook } from "../../ports/conversation-book.ts";
import type { Platform } from "../../domain/people.ts";
import type { Db } from "./prisma-db.ts";

type Row = { platform: string; key: string; kind: string; label: string | null; reference: string; updatedAt: Date };

const toAddress = (row: Row): ConversationAddress => ({ ...row, platform: row.platform as Platform, kind: row.kind as ConversationAddress["kind"] });

export class PrismaConversationBook implements ConversationBook {
  constructor(private readonly db: Db) {}

  async save(address: ConversationAddress): Promise<void> {
    const { platform, key, ...rest } = address;
    await this.db.q.conversationAddress.upsert({ where: { platform_key: { platform, key } }, create: address, update: rest });
  }

  async get(platform: Platform, key: string): Promise<ConversationAddress | null> {
    const row = await this.db.q.conversationAddress.findUnique({ where: { platform_key: { platform, key } } });
    return row ? toAddress(row) : null;
  }

  async list(platform: Platform, kind: ConversationAddress["kind"]): Promise<ConversationAddress[]> {
    const rows = await this.db.q.conversationAddress.findMany({ where: { platform, kind }, orderBy: { updatedAt: "desc" } });
    return rows.map(toAddress);
  }
}

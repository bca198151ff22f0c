import type { ConversationAddress, ConversationBook } from "../../ports/conversation-book.ts";
import type { Platform } from "../../domain/people.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

export class MemoryConversationBook implements ConversationBook, Snapshotting {
  private readonly addresses = new Map<string, ConversationAddress>();

  snapshot(): () => void {
    return snapshotOf(this.addresses);
  }

  async save(address: ConversationAddress): Promise<void> {
    this.addresses.set(`${address.platform}|${address.key}`, { ...address });
  }

  async get(platform: Platform, key: string): Promise<ConversationAddress | null> {
    const found = this.addresses.get(`${platform}|${key}`);
    return found ? { ...found } : null;
  }

  async list(platform: Platform, kind: ConversationAddress["kind"]): Promise<ConversationAddress[]> {
    return [...this.addresses.values()]
      .filter((a) => a.platform === platform && a.kind === kind)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .map((a) => ({ ...a }));
  }
}

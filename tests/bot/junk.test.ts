import { describe, expect, it } from "vitest";
import { handleInbound, type InboundEvent } from "../../src/bot/inbound.ts";
import { silentLogger } from "../../src/logger.ts";
import { testCore } from "../support/core.ts";

/**
 * Issue 14 item 3, "junk stays out": words given to `/oversight` (or typed to the bot) that are
 * neither a command nor anything like a decision make no draft, so no 48-hour deadline and no
 * escalation; a mistyped command is named. What was typed is shown back, kept.
 */
const slash = (text: string, n: number): InboundEvent => ({ kind: "command", eventId: `e${n}`, actor: { platform: "console", externalId: "mo" }, text });
const typed = (text: string, n: number): InboundEvent => ({ kind: "message", eventId: `m${n}`, actor: { platform: "console", externalId: "mo" }, text });

describe("junk stays out", () => {
  it.each([
    // [what was typed, how it arrives, the reply starts, a draft?]
    ["clear", slash, "I could not find a decision in that", false],
    ["no", slash, "I could not find a decision in that", false],
    ["delete x", slash, "I could not find a decision in that", false],
    ["lsit 4471-JB", slash, '"lsit" is not something I know. Did you mean `list`?', false],
    ["complaince north", slash, '"complaince" is not something I know. Did you mean `compliance`?', false],
    ["thanks!", typed, "To record a decision, name the case", false],
    ["oversight clear", typed, "I could not find a decision in that", false],
    ["agreed with @sam to visit tomorrow", slash, null, true],
    ["4471-JB visit weekly", slash, null, true],
    ["4471-JB: agreed with @sam to visit tomorrow", typed, null, true],
  ] as const)("%s (%#)", async (text, as, reply, draft) => {
    const { core, storage } = await testCore();
    const answer = await handleInbound(core, silentLogger, as(text, 1));
    if (reply) {
      expect(answer.message?.text).toMatch(new RegExp(`^${reply.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      if (as === slash) expect(answer.message?.text).toContain(`(You wrote: ${text})`);
      expect(answer.form).toBeUndefined();
    } else expect(answer.form).toBeDefined();
    expect((await storage.notes.listByParticipant("p-mo")).length > 0).toBe(draft);
    expect((await storage.schedule.openDeadlines()).length > 0).toBe(draft);
  });
});

import { describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import type { Logger } from "../../src/logger.ts";
import { testCore } from "../support/core.ts";
import { recordedNote } from "../support/notes.ts";

function recordingLogger() {
  const lines: string[] = [];
  const log: Logger = {
    info: (event, fields = {}) => lines.push(JSON.stringify({ event, ...fields })),
    warn: (event, fields = {}) => lines.push(JSON.stringify({ event, ...fields })),
    error: (event, fields = {}) => lines.push(JSON.stringify({ event, ...fields })),
  };
  return { log, lines };
}

describe("the core's entry point for adapters", () => {
  it("tells someone who is not on the roster, without doing anything", async () => {
    const { core, storage } = await testCore();
    const { log } = recordingLogger();
    const reply = await handleInbound(core, log, { kind: "command", eventId: "e1", actor: { platform: "slack", externalId: "U0NOBODY" }, text: "list 4471-JB" });
    expect(reply.message?.text).toBe("You are not on the Oversight bot roster yet. Ask your administrator to add you.");
    expect(await storage.audit.list()).toEqual([]);
  });

  it("finds the actor by platform id and runs a button press as its command", async () => {
    const { core, storage } = await testCore();
    await recordedNote(core, "n1");
    const { log } = recordingLogger();
    const reply = await handleInbound(core, log, { kind: "action", eventId: "e2", actor: { platform: "slack", externalId: "U0SAM" }, actionId: "on-record", value: "n1" });
    expect(reply.message?.text).toBe("Note n1 is marked as on the child's case record.");
    expect((await storage.notes.findById("n1"))?.onCaseRecordById).toBe("p-sam");
  });

  it("logs an unexpected failure by code and event id only, and tells the person nothing was lost", async () => {
    const { core } = await testCore();
    await recordedNote(core, "n1", { issue: "Jayden Smith bruising" });
    core.storage.notes.comments = async () => {
      throw new Error("disk on fire while reading Jayden Smith bruising");
    };
    const { log, lines } = recordingLogger();
    const reply = await handleInbound(core, log, { kind: "command", eventId: "e3", actor: { platform: "console", externalId: "mo" }, text: "show n1" });
    expect(reply.message?.text).toBe("Sorry, something went wrong on my side. Nothing you typed has been lost; please try again.");
    expect(lines).toEqual([JSON.stringify({ event: "turn.failed", eventId: "e3", code: "UNEXPECTED", type: "Error" })]);
  });

  it("keeps a refusal's own audit entry and retry key, so a redelivery is not refused (or audited) twice", async () => {
    const { core, storage } = await testCore();
    await recordedNote(core, "n1");
    const { log, lines } = recordingLogger();
    const event = { kind: "command" as const, eventId: "e5", retryKey: "teams:e5", actor: { platform: "console" as const, externalId: "out" }, text: "show n1" };
    const reply = await handleInbound(core, log, event);
    expect(reply).toMatchObject({ refused: true, message: { text: expect.stringMatching(/^You do not have access/) } });
    // The note stored for the test is sealed in its own entry (recordedNote names no audit record).
    expect((await storage.audit.list()).map((e) => [e.action, e.actorId])).toEqual([["record.sealed", null], ["note.access-denied", "p-out"]]);
    expect(await handleInbound(core, log, event)).toEqual({ duplicate: true });
    expect(await storage.audit.list()).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(["turn.refused", "inbound.duplicate"]);
  });

  it("ignores what an adapter could not understand, logging only that", async () => {
    const { core } = await testCore();
    const { log, lines } = recordingLogger();
    expect(await handleInbound(core, log, { kind: "unsupported", eventId: "e4", platform: "slack", reason: "reaction_added" })).toEqual({});
    expect(lines).toHaveLength(1);
  });
});

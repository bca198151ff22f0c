import { beforeEach, describe, expect, it } from "vitest";
import { amendFields, recordedNote } from "../support/notes.ts";
import { testCore } from "../support/core.ts";
import { exportNote } from "../../src/export/export-note.ts";
import { commentOnNote } from "../../src/services/comment-on-note.ts";
import { markOnCaseRecord } from "../../src/services/mark-on-case-record.ts";

describe("export", () => {
  let t: Awaited<ReturnType<typeof testCore>>;
  beforeEach(async () => {
    t = await testCore();
    await recordedNote(t.core, "n1");
  });

  it("writes case-note text titled in the case-note style, headings in the note's order", async () => {
    const text = await exportNote(t.core, await t.person("mo"), "n1", "text");
    expect(text.split("\n")[0]).toBe("Management Oversight – Ad hoc – 4471-JB");
    const headings = ["1. Presenting issue", "2. Review of previous decisions and actions", "3. Options considered", "4. Decision", "5. Rationale", "6. Disagreements", "7. Actions", "8. Child's views and wishes"];
    const positions = headings.map((h) => text.indexOf(`\n${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain("Discussed: Mon 23 Nov 2026 14:10");
    expect(text).toContain("Participants: Mo Worker (team manager), Sam Worker (practitioner)");
    expect(text).toContain("- Unannounced visit tomorrow (chosen)");
    expect(text).toContain("- Sam Worker: Preferred a strategy discussion today.");
    expect(text).toContain("- Visit – Sam Worker – Tue 24 Nov 2026 17:00 – open");
    // The parts answered with why they do not apply say so (issue 14 item 5).
    expect(text).toContain("2. Review of previous decisions and actions\nfirst note on this case\n");
    expect(text).toContain("8. Child's views and wishes\nnot discussed: to be asked at tomorrow's visit\n");
  });

  it("writes to the child as a letter they could read: what was decided, why, what they said, what happens next [Kent]", async () => {
    await recordedNote(t.core, "n2", { childViews: "Wants to stay at home and keep going to football." });
    // Staff business that is not for the child: a colleague's comment, an amendment, the case-record step.
    const sam = await t.person("sam");
    t.clock.advance(3600_000);
    await commentOnNote(t.core, sam, "n2", "comment", "Check with the IRO whether CP is needed");
    await amendFields(t.core, "n2", { rationale: "School saw new bruises and you missed two visits, so we need to see you soon." }, "clearer for the record");
    await markOnCaseRecord(t.core, sam, "n2", "MOS-1234");
    expect(await exportNote(t.core, await t.person("mo"), "n2", "child")).toBe(
      [
        "About the decision we made on Monday 23 November 2026",
        "",
        "On Monday 23 November 2026, Mo Worker (team manager) and Sam Worker (social worker) met to talk about how things are for you and what should happen next. This letter tells you what we decided and why.",
        "",
        "What we talked about",
        "Missed two home visits; school reports bruising.",
        "",
        "What we decided",
        "Unannounced visit tomorrow with police check beforehand.",
        "",
        "Why we decided this",
        "School saw new bruises and you missed two visits, so we need to see you soon.",
        "",
        "What you told us",
        "Wants to stay at home and keep going to football.",
        "",
        "What happens next",
        "- Sam Worker will visit by Tuesday 24 November 2026.",
        "- Mo Worker will review by Friday 27 November 2026.",
        "",
        "If you have any questions, or you do not agree with what we decided, you can talk to your social worker or to Mo Worker. You can also ask for an advocate: someone who helps you say what you think.",
        "",
        "From Mo Worker",
        "Our reference: 4471-JB",
        "",
      ].join("\n"),
    );
  });

  it("tells the child we have not written down their views yet, rather than 'None recorded.'", async () => {
    const letter = await exportNote(t.core, await t.person("mo"), "n1", "child");
    expect(letter).toContain("What you told us\nWe have not written down what you think about this yet.");
    // Nothing for staff only: field names, statuses, options weighed, staff disagreements.
    for (const internal of ["None recorded", "Status", "Recorded", "(v1)", "open", "Options", "Preferred a strategy discussion", "Disagree", "childViews", "Participants"]) {
      expect(letter, internal).not.toContain(internal);
    }
  });

  it("appends later comments, amendments and the case-record confirmation, keeping the original", async () => {
    const sam = await t.person("sam");
    t.clock.advance(3600_000);
    await commentOnNote(t.core, sam, "n1", "disagreement", "I still think a strategy discussion was needed");
    await amendFields(t.core, "n1", { rationale: "Police check came back clear." }, "Police check result");
    await markOnCaseRecord(t.core, sam, "n1", "MOS-1234");
    const text = await exportNote(t.core, await t.person("mo"), "n1", "text");
    expect(text).toContain("Police check came back clear.");
    expect(text).toMatch(/Sam Worker: recorded a disagreement: I still think a strategy discussion was needed/);
    expect(text).toMatch(/Mo Worker: amended to version 2 \(Rationale\): Police check result\n {4}Rationale was: Bruising plus missed visits raise risk\.\n {4}now: Police check came back clear\./);
    expect(text).toMatch(/confirmed it is on the case record \(ref MOS-1234\)/);
  });

  it("exports JSON with every version and CSV with one quoted row", async () => {
    await amendFields(t.core, "n1", { rationale: "Second, \"quoted\" version" }, "clarified");
    const json = JSON.parse(await exportNote(t.core, await t.person("aud"), "n1", "json"));
    expect(json.revisions.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    expect(json.revisions[0].fields.rationale).toBe("Bruising plus missed visits raise risk.");
    expect(json.caseRef).toBe("4471-JB");
    const csv = await exportNote(t.core, await t.person("aud"), "n1", "csv");
    const [header, row] = csv.split("\r\n");
    expect(header?.split(",").slice(0, 3)).toEqual(["id", "caseRef", "kind"]);
    expect(row).toContain('"Second, ""quoted"" version"');
  });

  it("audits every export and refuses people without access", async () => {
    await exportNote(t.core, await t.person("lee"), "n1", "text");
    await expect(exportNote(t.core, await t.person("out"), "n1", "text")).rejects.toMatchObject({ code: "NOTE.NO_ACCESS" });
    const actions = (await t.storage.audit.list()).map((e) => `${e.action}:${e.actorId}`);
    expect(actions).toContain("note.export:p-lee");
    expect(actions).toContain("note.access-denied:p-out");
    expect(actions).not.toContain("note.export:p-out");
    // The refusal says what was refused: an export, not a view.
    expect((await t.storage.audit.list()).find((e) => e.action === "note.access-denied")).toMatchObject({ actorId: "p-out", detail: { purpose: "export" } });
  });
});

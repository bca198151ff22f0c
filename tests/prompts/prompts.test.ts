import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.ts";
import { DEFAULT_PROMPTS_FILE, loadPrompts } from "../../src/prompts/prompts.ts";
import { NOTE_INPUTS } from "../../src/services/note-form.ts";
import { groupPromptKeys } from "../../src/scheduler/group-messages.ts";
import { GROUP_FORMATS, STAGE_COUNTS } from "../../src/domain/group-supervision.ts";
import { checkPromptKeys } from "../../src/prompts/prompts.ts";
import { tempDir } from "../support/spawn.ts";
import { LETTER_ROLES } from "../../src/export/child-letter.ts";

const shipped = JSON.parse(readFileSync(DEFAULT_PROMPTS_FILE, "utf8")) as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated") return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith(".ts") ? [full] : [];
  });
}

describe("prompts", () => {
  const files = [...sourceFiles("src"), ...sourceFiles("adapters")];

  it("has every literal key the code says", () => {
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\b(?:say|\.say)\(\s*"([a-z][\w.-]+)"/g)) used.add(match[1]!);
      for (const match of text.matchAll(/key: "([a-z][\w.-]+\.[\w.-]+)"/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !(key in shipped))).toEqual([]);
  });

  it("has every key the code builds from names", () => {
    const built = [
      ...NOTE_INPUTS.map((id) => `form.label.${id.toLowerCase()}`),
      ...["issue", "review", "options", "decision", "rationale", "disagreements", "actions", "child-views"].map((s) => `export.heading.${s}`),
      ...LETTER_ROLES.map((role) => `letter.role.${role}`),
      ...["draft", "recorded", "on-case-record", "discarded"].map((s) => `export.status.${s}`),
      ...["created", "recorded", "amended", "comment", "disagreement", "on-case-record", "discarded", "action-done"].map((k) => `note.event.${k}`),
      ...groupPromptKeys(),
      ...["questions", "insights", "next-steps"].map((s) => `export.group.${s}`),
      ...["reminder", "overdue", "escalation"].flatMap((phase) => ["note", "record", "action", "group-note", "group-record"].map((area) => `${phase}.${area}`)),
    ];
    expect(built.filter((key) => !(key in shipped))).toEqual([]);
  });

  it("fills placeholders", () => {
    expect(loadPrompts().say("note.recorded", { id: "abc", caseRef: "4471-JB" })).toBe("Oversight note abc on 4471-JB is recorded.");
  });

  describe("an authority's override file", () => {
    const dir = tempDir("prompts-");
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    };

    it("replaces the texts it gives and keeps the rest", () => {
      const prompts = loadPrompts(write("ok.yaml", 'form.submit: "Save the note"\n'));
      expect(prompts.say("form.submit")).toBe("Save the note");
      expect(prompts.say("form.title")).toBe(shipped["form.title"]);
    });

    it.each([
      ["unknown.yaml", "form.submt: Save\n", /prompt "form.submt" is not a prompt the bot uses/],
      ["placeholders.yaml", 'note.recorded: "Done {id}"\n', /prompt "note.recorded" must use the slots caseRef, id, has id/],
      ["empty.yaml", 'form.submit: ""\n', /form.submit/],
      ["broken.json", "{ not json", /broken.json/],
    ])("refuses %s naming the file and the key", (name, text, message) => {
      const file = write(name, text);
      expect(() => loadPrompts(file)).toThrow(AppError);
      expect(() => loadPrompts(file)).toThrow(message);
    });
  });

  it("has exactly one prompt and one name per stage of each group supervision format, and no stray ones", () => {
    for (const format of GROUP_FORMATS) {
      const stages = Object.keys(shipped).filter((key) => key.startsWith(`group.stage.${format}.`));
      expect(stages.map((key) => Number(key.split(".").pop())).sort((a, b) => a - b)).toEqual(Array.from({ length: STAGE_COUNTS[format] }, (_, i) => i + 1));
      expect(Object.keys(shipped).filter((key) => key.startsWith(`group.stage-name.${format}.`))).toHaveLength(STAGE_COUNTS[format]);
    }
  });

  it("stops start-up naming the prompts that are missing", () => {
    const prompts = loadPrompts();
    expect(() => checkPromptKeys(prompts, groupPromptKeys())).not.toThrow();
    expect(() => checkPromptKeys(prompts, ["group.stage.signs-of-safety.9", "group.role.scribe"])).toThrow("The prompts have no group.stage.signs-of-safety.9, group.role.scribe");
  });

  it("words every group supervision refusal in the prompts, with the slots its code fills", () => {
    const codes = new Set<string>();
    for (const file of files) for (const match of readFileSync(file, "utf8").matchAll(/AppError\("(GROUP\.[A-Z_]+)"/g)) codes.add(match[1]!);
    expect(codes.size).toBeGreaterThan(10);
    const keys = [...codes].map((code) => `error.${code.toLowerCase().replace(/_/g, "-")}`);
    expect(keys.filter((key) => !(key in shipped))).toEqual([]);
  });
});

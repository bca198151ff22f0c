import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { runCli, tempDir } from "../support/spawn.ts";

const dir = tempDir("rotate-");
const input = (name: string, body: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(body));
  return file;
};

it("plans sessions from a file as docs/design.md#command-line says: each planned one counts for the next, unavailable people skipped, why given", () => {
  const file = input("team.json", {
    members: [{ id: "mo", manager: true }, { id: "sam" }, { id: "priya", unavailable: ["2026-12-01"] }, { id: "lee" }],
    history: [{ date: "2026-11-17", presenter: "sam", facilitator: "mo", advisor: "priya" }],
    sessions: ["2026-12-01", "2026-12-15"],
  });
  const result = runCli(["rotate", "--input", file]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const { sessions } = JSON.parse(result.stdout);
  expect(sessions).toHaveLength(2);
  const [first, second] = sessions;
  expect(first).toMatchObject({ date: "2026-12-01" });
  expect([first.presenter, first.facilitator, first.advisor]).not.toContain("priya");
  expect(new Set([first.presenter, first.facilitator, first.advisor]).size).toBe(3);
  expect(first.presenter).not.toBe("sam");
  // Priya missed 1 Dec and has never presented: she presents on 15 Dec.
  expect(second.presenter).toBe("priya");
  expect(second.why).toMatch(/^presenter priya: 0 turns in the last 2 sessions \(fewest 0, most 1\), never before; facilitator /);
});

it("gives a date with fewer than three available no roles, and says why", () => {
  const file = input("few.json", { members: [{ id: "a" }, { id: "b", unavailable: ["2026-12-01"] }, { id: "c" }], sessions: ["2026-12-01"] });
  const { sessions } = JSON.parse(runCli(["rotate", "--input", file]).stdout);
  expect(sessions).toEqual([{ date: "2026-12-01", presenter: null, facilitator: null, advisor: null, why: "only 2 of 3 members are available: a session needs three" }]);
});

it.each([
  [{ members: [{ id: "a" }, { id: "b" }], sessions: [] }, /members need at least three members/],
  [{ members: [{ id: "a" }, { id: "b" }, { id: "c" }], sessions: ["1/12/2026"] }, /sessions\.0 must be a date like 2026-12-01/],
  [{ members: [{ id: "a" }, { id: "b" }, { id: "c" }], sessions: ["2026-02-30"] }, /sessions\.0 is not a real date/],
])("refuses bad input with the field named: %j", (body, message) => {
  const result = runCli(["rotate", "--input", input("bad.json", body)]);
  expect(result.code).not.toBe(0);
  expect(JSON.parse(result.stderr).error.message).toMatch(message);
});

// `rotate --input FILE` (docs/design.md#command-line): plans group supervision roles for given dates from
// members and history, applying the rotation rules (docs/design.md#group-supervision), each planned session counting as
// history for the next. No database: the file holds everything.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { explainRoles, planRotation } from "../domain/rotation.ts";

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/, "must be a date like 2026-12-01")
  .refine((d) => {
    const at = Date.parse(`${d}T12:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(d);
  }, "is not a real date");
const RotateInput = z.object({
  members: z
    .array(z.object({ id: z.string().min(1), manager: z.boolean().optional(), unavailable: z.array(IsoDate).optional() }))
    .min(3, "need at least three members (three roles, three people)")
    .refine((members) => new Set(members.map((m) => m.id)).size === members.length, "member ids must be unique"),
  history: z.array(z.object({ date: IsoDate, presenter: z.string(), facilitator: z.string(), advisor: z.string() })).default([]),
  sessions: z.array(IsoDate),
});

/** Prints { sessions: [{ date, presenter, facilitator, advisor, why }] }; a date with too few available has nulls. */
export function rotateCommand(args: string[], io: { out: (s: string) => void }): number {
  const { values } = parseArgs({ args, options: { input: { type: "string" } } });
  if (!values.input) throw new AppError("CLI.USAGE", "usage: rotate --input FILE.json");
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.input, "utf8"));
  } catch (error) {
    throw new AppError("ROTATE.UNREADABLE", `${values.input}: ${(error as Error).message}`, { file: values.input });
  }
  const parsed = RotateInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("ROTATE.INVALID", `${values.input}: ${issue.path.join(".") || "(top level)"} ${issue.message}`, { file: values.input });
  }
  const { members, history, sessions } = parsed.data;
  // Each planned session counts as history for the next: in date order.
  const planned = planRotation(members, history, [...sessions].sort()).map(({ date, roles }) => {
    if (!roles) {
      const available = members.filter((m) => !m.unavailable?.includes(date)).length;
      return { date, presenter: null, facilitator: null, advisor: null, why: `only ${available} of ${members.length} members are available: a session needs three` };
    }
    return { date, presenter: roles.presenter, facilitator: roles.facilitator, advisor: roles.advisor, why: explainRoles(roles) };
  });
  io.out(JSON.stringify({ sessions: planned }));
  return 0;
}

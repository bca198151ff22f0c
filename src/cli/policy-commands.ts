// CLI commands over policy profiles (docs/design.md#command-line): `due`, `profiles`, `profile check`.
// They need no database: a profile and the calendar are enough.
import { instantFlag } from "./instant-flag.ts";
import { parseArgs } from "node:util";
import { dueAfter } from "../calendar/due-after.ts";
import { AppError } from "../domain/errors.ts";
import { checkProfileFile, listProfiles, loadProfile } from "../policy/load-profile.ts";
import { RULE_IDS, type RuleId } from "../policy/profile.ts";
import { nextDiscussionDue } from "../policy/discussion-due.ts";

type Out = { out: (s: string) => void };

/** `due --profile ID --rule RULE --from ISO` → { profile, rule, from, due, explain } */
export function dueCommand(args: string[], io: Out): number {
  const { values } = parseArgs({ args, options: { profile: { type: "string" }, rule: { type: "string" }, from: { type: "string" } } });
  if (!values.rule || !values.from) throw new AppError("CLI.USAGE", "usage: due --profile ID --rule RULE --from ISO");
  const rule = values.rule;
  if (!isRuleId(rule)) {
    throw new AppError("POLICY.UNKNOWN_RULE", `No rule "${rule}"; the rules are ${RULE_IDS.join(", ")}`, { rule });
  }
  const from = instantFlag("--from", values.from);
  const profile = loadProfile(values.profile ?? "default");
  const { due, explain } = dueAfter(from, profile.rules[rule].after, profile.workingHours);
  io.out(JSON.stringify({ profile: profile.id, rule, from: from.toISOString(), due: due.toISOString(), explain }));
  return 0;
}

/** `discussion-due --profile ID --category CAT --from ISO` → { profile, category, from, due, explain }: a case discussed at `from`. */
export function discussionDueCommand(args: string[], io: Out): number {
  const { values } = parseArgs({ args, options: { profile: { type: "string" }, category: { type: "string" }, from: { type: "string" } } });
  if (!values.category || !values.from) throw new AppError("CLI.USAGE", "usage: discussion-due --profile ID --category CAT --from ISO");
  const from = instantFlag("--from", values.from);
  const profile = loadProfile(values.profile ?? "default");
  const { due, explain } = nextDiscussionDue(profile, values.category, from);
  io.out(JSON.stringify({ profile: profile.id, category: values.category, from: from.toISOString(), due: due.toISOString(), explain }));
  return 0;
}

/** `profiles` → { profiles: [{ id, name, rules: { "note.complete": { after, source }, … } }] } */
export function profilesCommand(io: Out): number {
  const profiles = listProfiles().map((id) => {
    const { name, rules } = loadProfile(id);
    return { id, name, rules };
  });
  io.out(JSON.stringify({ profiles }));
  return 0;
}

/** `profile check FILE` → { ok: true, profile } or a POLICY.* error naming file, path and line. */
export function profileCheckCommand(file: string, io: Out): number {
  const checked = checkProfileFile(file);
  if (!checked.ok) throw checked.error;
  io.out(JSON.stringify({ ok: true, profile: checked.profile }));
  return 0;
}

function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}


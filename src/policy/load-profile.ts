// Loads policy profiles (docs/design.md#timescales): the shipped ones in profiles/ by id, or an
// authority's own file by path. Every profile but `default` sets only what differs and
// inherits the rest from `default`.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { AppError } from "../domain/errors.ts";
import { readProfileFile, type ProfileFile } from "./profile-file.ts";
import { fullProfileSchema, partialProfileSchema, type PartialProfile } from "./profile-schema.ts";
import { RULE_IDS, type PolicyProfile } from "./profile.ts";

export const PROFILES_DIR = fileURLToPath(new URL("../../profiles/", import.meta.url));
const EXTENSIONS = [".yaml", ".yml", ".json"];
/** Enough problems to fix in one edit without burying the first. */
const MAX_PROBLEMS = 5;

export interface ProfileOptions {
  /** Where shipped profiles live (tests point this elsewhere). */
  profilesDir?: string;
}

/** Ids of the shipped profiles, `default` first: ["default", "coventry", "kent", …]. */
export function listProfiles(opts: ProfileOptions = {}): string[] {
  const dir = opts.profilesDir ?? PROFILES_DIR;
  const ids = readdirSync(dir)
    .filter((name) => EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .map((name) => path.basename(name, path.extname(name)));
  return ["default", ...[...new Set(ids)].filter((id) => id !== "default").sort()];
}

/**
 * A profile by shipped id ("kent") or by path to a .yaml/.yml/.json file, merged over
 * `default`. Throws AppError POLICY.* naming the file, the path in it, the line and the problem.
 */
export function loadProfile(idOrPath: string, opts: ProfileOptions = {}): PolicyProfile {
  const dir = opts.profilesDir ?? PROFILES_DIR;
  const base = loadBase(dir);
  const looksLikePath = EXTENSIONS.includes(path.extname(idOrPath).toLowerCase()) || /[\\/]/.test(idOrPath);
  if (looksLikePath) return loadOver(base, readProfileFile(idOrPath));
  const file = shippedFile(dir, idOrPath);
  if (!file) {
    throw new AppError("POLICY.UNKNOWN_PROFILE", `No profile "${idOrPath}"; the profiles are ${listProfiles(opts).join(", ")}`, { profile: idOrPath });
  }
  if (idOrPath === "default") return base;
  const source = readProfileFile(file);
  const profile = loadOver(base, source);
  if (profile.id !== idOrPath) throwInvalid(source, ["id"], `must be "${idOrPath}", as the file is named`);
  return profile;
}

export type ProfileCheck = { ok: true; profile: PolicyProfile } | { ok: false; error: AppError };

/** Validates one profile file, as `profile check FILE` does: the merged profile, or the error naming its problems. */
export function checkProfileFile(file: string, opts: ProfileOptions = {}): ProfileCheck {
  try {
    const base = loadBase(opts.profilesDir ?? PROFILES_DIR);
    return { ok: true, profile: loadOver(base, readProfileFile(file)) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

function loadBase(dir: string): PolicyProfile {
  const file = shippedFile(dir, "default");
  if (!file) throw new AppError("POLICY.UNREADABLE", `${path.join(dir, "default.yaml")}: the default profile is missing`, { file: path.join(dir, "default.yaml") });
  const source = readProfileFile(file);
  refuseUnknownRules(source);
  return checkWorkingHours(parseWith(fullProfileSchema, source), source);
}

/** A file claiming to be `default` must be complete; any other is merged over `base`. */
function loadOver(base: PolicyProfile, source: ProfileFile): PolicyProfile {
  refuseUnknownRules(source);
  const isBase = (source.data as { id?: unknown } | null)?.id === "default";
  const profile = isBase ? parseWith(fullProfileSchema, source) : mergeOver(base, parseWith(partialProfileSchema, source));
  return checkWorkingHours(profile, source);
}

/** A profile's sections replace the base's value by value; rules replace whole rules. */
function mergeOver(base: PolicyProfile, over: PartialProfile): PolicyProfile {
  return {
    id: over.id,
    name: over.name,
    rules: { ...base.rules, ...over.rules },
    reminders: { ...base.reminders, ...over.reminders },
    workingHours: { ...base.workingHours, ...over.workingHours },
    groupSupervision: { ...base.groupSupervision, ...over.groupSupervision },
    export: { ...base.export, ...over.export },
    supervision: { ...base.supervision, ...over.supervision },
    retention: {
      onCaseRecord: over.retention?.onCaseRecord ?? base.retention.onCaseRecord,
      afterLeaving: over.retention?.afterLeaving === undefined ? base.retention.afterLeaving : over.retention.afterLeaving,
    },
    caseDiscussion: {
      categories: { ...base.caseDiscussion.categories, ...over.caseDiscussion?.categories },
      remindBefore: over.caseDiscussion?.remindBefore ?? base.caseDiscussion.remindBefore,
      source: over.caseDiscussion?.source ?? base.caseDiscussion.source,
    },
  };
}

function refuseUnknownRules(source: ProfileFile): void {
  const rules = (source.data as { rules?: unknown } | null)?.rules;
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) return;
  const unknown = Object.keys(rules).find((id) => !(RULE_IDS as readonly string[]).includes(id));
  if (unknown === undefined) return;
  const line = source.lineOf(["rules", unknown]);
  const problem = `is not a rule; the rules are ${RULE_IDS.join(", ")}`;
  throw new AppError("POLICY.UNKNOWN_RULE", `${where(source.file, line)}: rules.${unknown} ${problem}`, {
    file: source.file,
    path: `rules.${unknown}`,
    rule: unknown,
    problem,
    ...(line ? { line } : {}),
  });
}

function parseWith<S extends z.ZodType>(schema: S, source: ProfileFile): z.output<S> {
  const parsed = schema.safeParse(source.data ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    // An unknown key is reported at the key itself, not at the mapping holding it.
    const lineAt = issue.code === "unrecognized_keys" && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    return { path: issue.path, problem: issue.message, line: source.lineOf(lineAt) };
  });
  throw invalid(source, problems);
}

function checkWorkingHours(profile: PolicyProfile, source: ProfileFile): PolicyProfile {
  const { start, end } = profile.workingHours;
  if (start.hour * 60 + start.minute < end.hour * 60 + end.minute) return profile;
  // Blame the end when this file sets it; otherwise the start it set clashes with the inherited end.
  const setEnd = (source.data as { workingHours?: { end?: unknown } } | null)?.workingHours?.end !== undefined;
  const hhmm = (t: { hour: number; minute: number }) => `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
  return setEnd
    ? throwInvalid(source, ["workingHours", "end"], `must be after workingHours.start (${hhmm(start)})`)
    : throwInvalid(source, ["workingHours", "start"], `must be before workingHours.end (${hhmm(end)})`);
}

interface Problem {
  path: readonly PropertyKey[];
  problem: string;
  line?: number | undefined;
}

function throwInvalid(source: ProfileFile, path: readonly PropertyKey[], problem: string): never {
  throw invalid(source, [{ path, problem, line: source.lineOf(path) }]);
}

/** "FILE line 5: rules.note.complete.after.hours must be a positive whole number; line 9: …" */
function invalid(source: ProfileFile, problems: Problem[]): AppError {
  const described = problems.map(({ path, problem, line }) => {
    const dotted = path.map(String).join(".");
    return `${line ? `line ${line}: ` : ""}${dotted ? `${dotted} ` : "the file "}${problem}`;
  });
  const first = problems[0]!;
  return new AppError("POLICY.INVALID", `${source.file}${described[0]!.startsWith("line") ? " " : ": "}${described.join("; ")}`, {
    file: source.file,
    path: first.path.map(String).join("."),
    problem: first.problem,
    problems: problems.length,
    ...(first.line ? { line: first.line } : {}),
  });
}

function where(file: string, line: number | undefined): string {
  return line ? `${file} line ${line}` : file;
}

function shippedFile(dir: string, id: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  return EXTENSIONS.map((ext) => path.join(dir, id + ext)).find((file) => existsSync(file));
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import type defaults from "../../prompts/en.json";

/** Every key the bot can say; typed from the data so a missing key fails to compile. */
export type PromptKey = Extract<keyof typeof defaults, string>;

export type PromptParams = Record<string, string | number>;

/** The bot's words. `say("note.recorded", { caseRef })` fills the `{caseRef}` slots. */
export interface Prompts {
  say(key: PromptKey, params?: PromptParams): string;
}

export const DEFAULT_PROMPTS_FILE = fileURLToPath(new URL("../../prompts/en.json", import.meta.url));

const PromptFile = z.record(z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/, "keys look like area.name"), z.string().min(1));

/**
 * Loads prompts: the shipped English file, optionally overridden key by key by an
 * authority's own file (JSON or YAML). Unknown keys, empty texts and `{slots}` that
 * differ from the shipped text are refused with the file and key named.
 */
export function loadPrompts(overrideFile?: string): Prompts {
  const base = readPromptFile(DEFAULT_PROMPTS_FILE);
  const texts: Record<string, string> = { ...base };
  if (overrideFile) {
    const override = readPromptFile(overrideFile);
    for (const [key, text] of Object.entries(override)) {
      const shipped = base[key];
      if (shipped === undefined) throw promptError(overrideFile, key, "is not a prompt the bot uses");
      const want = slotsOf(shipped);
      const got = slotsOf(text);
      if (want !== got) throw promptError(overrideFile, key, `must use the slots ${want || "(none)"}, has ${got || "(none)"}`);
      texts[key] = text;
    }
  }
  return {
    say(key, params = {}) {
      const text = texts[key];
      if (text === undefined) throw new AppError("PROMPT.UNKNOWN_KEY", `No prompt ${key}`, { key });
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
  };
}

function readPromptFile(file: string): Record<string, string> {
  let raw: unknown;
  try {
    const source = readFileSync(file, "utf8");
    raw = path.extname(file) === ".json" ? JSON.parse(source) : parseYaml(source);
  } catch (error) {
    throw new AppError("PROMPT.UNREADABLE", `${file}: ${(error as Error).message}`, { file });
  }
  const parsed = PromptFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw promptError(file, issue.path.join("."), issue.message);
  }
  return parsed.data;
}

function slotsOf(text: string): string {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort().join(", ");
}

function promptError(file: string, key: string, problem: string): AppError {
  return new AppError("PROMPT.INVALID", `${file}: prompt "${key}" ${problem}`, { file, key });
}

/** Stops start-up when prompts the code builds from names are missing, naming them. */
export function checkPromptKeys(prompts: Prompts, keys: readonly string[]): void {
  const missing = keys.filter((key) => {
    try {
      prompts.say(key as PromptKey);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) throw new AppError("PROMPT.MISSING", `The prompts have no ${missing.join(", ")}`, { keys: missing.join(", ") });
}

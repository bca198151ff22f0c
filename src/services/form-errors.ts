import type { Prompts } from "../prompts/prompts.ts";
import type { ReadNote } from "./note-form.ts";

/** The per-field problems of a read form, in the person's words. */
export function formErrors(errors: ReadNote["errors"], prompts: Prompts): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [field, error] of Object.entries(errors)) {
    if (error) texts[field] = prompts.say(error.key, error.params);
  }
  return texts;
}

import { AppError, StorageFullError } from "../domain/errors.ts";
import type { Logger } from "../logger.ts";
import type { PromptKey } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import { message } from "../content/message.ts";
import type { BotReply } from "./reply.ts";

/**
 * Runs one inbound event's work. An expected refusal (AppError) becomes a message in the
 * person's words; anything else is logged by code and event id only, and the person is
 * told something went wrong and that nothing they typed was lost. `handleInbound` runs the
 * work as one transaction, so either way nothing the work wrote is kept: what should be kept
 * despite a problem (a draft saved with the form's errors) is a result, not a throw.
 */
export async function runTurn(core: Core, log: Logger, eventId: string, work: () => Promise<BotReply>): Promise<BotReply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      log.info("turn.refused", { eventId, code: error.code });
      return { message: message(errorText(core, error)), refused: true };
    }
    if (error instanceof StorageFullError) {
      // An administrator's problem with a plain answer: nothing was saved, the text is kept.
      log.error("turn.failed", { eventId, code: error.code });
      return { message: message(core.prompts.say("error.storage-full")), failed: true };
    }
    log.error("turn.failed", { eventId, code: "UNEXPECTED", type: (error as Error)?.name ?? "unknown" });
    return { message: message(core.prompts.say("error.unexpected")), failed: true };
  }
}

/** The words for an AppError: its prompt (`error.note.no-access` for NOTE.NO_ACCESS) or its own message. */
export function errorText(core: Core, error: AppError): string {
  const key = `error.${error.code.toLowerCase().replace(/_/g, "-")}` as PromptKey;
  try {
    return core.prompts.say(key, error.params);
  } catch {
    return error.message;
  }
}

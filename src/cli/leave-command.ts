import { AppError } from "../domain/errors.ts";
import { cancelAbsenceOf, recordAbsence } from "../services/record-absence.ts";
import type { Core } from "../services/core.ts";

/**
 * `leave add HANDLE FROM [TO]`, `leave list HANDLE`, `leave remove HANDLE ID`: an
 * administrator's record of who is away (dates YYYY-MM-DD, inclusive). Reminders wait for
 * the person's return; escalations about their team go to their deputy or their manager.
 */
export async function leaveCommand(core: Core, args: string[], io: { out: (s: string) => void }): Promise<number> {
  const [verb, handle, ...rest] = args;
  const person = handle ? await core.storage.people.findByHandle(handle) : null;
  if (!verb || !handle) throw new AppError("CLI.USAGE", "usage: leave add HANDLE FROM [TO] | leave list HANDLE | leave remove HANDLE ID");
  if (!person) throw new AppError("PERSON.UNKNOWN", `No one on the roster has the handle "${handle}"`, { handle });
  switch (verb) {
    case "add": {
      if (!rest[0]) throw new AppError("CLI.USAGE", "usage: leave add HANDLE FROM [TO] (dates YYYY-MM-DD)");
      io.out(JSON.stringify({ absence: await recordAbsence(core, null, person, rest[0], rest[1]) }));
      return 0;
    }
    case "list":
      io.out(JSON.stringify({ handle: person.handle, absences: await core.storage.schedule.absences(person.id) }));
      return 0;
    case "remove":
      if (!rest[0]) throw new AppError("CLI.USAGE", "usage: leave remove HANDLE ID");
      await cancelAbsenceOf(core, null, person, rest[0]);
      io.out(JSON.stringify({ removed: rest[0] }));
      return 0;
    default:
      throw new AppError("CLI.USAGE", "usage: leave add HANDLE FROM [TO] | leave list HANDLE | leave remove HANDLE ID");
  }
}

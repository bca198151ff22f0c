import { AppError } from "../domain/errors.ts";

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * A flag that names an instant (`--now`, `--from`). It must say its offset (Z or ±hh:mm), so
 * the machine's TZ never matters. The error code is `CLI.<FLAG>`, e.g. CLI.NOW.
 */
export function instantFlag(flag: `--${string}`, value: string): Date {
  const instant = INSTANT.test(value) ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new AppError(`CLI.${flag.slice(2).toUpperCase()}`, `${flag} "${value}" is not an ISO-8601 instant with Z or an offset, e.g. 2026-11-23T15:00:00Z`, { flag });
  }
  return instant;
}

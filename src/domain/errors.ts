/**
 * The one error type of the core. `code` is dotted (`NOTE.NOT_FOUND`); `params` carry ids
 * and field names only, never case content, so the error can be logged as it is.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** A CLI failure: printed as JSON on stderr with exit code 1 (`cliErrorJson`), its details beside code and message. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: object = {},
  ) {
    super(message);
  }
}

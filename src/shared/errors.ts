/**
 * Every failure a user can cause has a stable code, a message that says what to do,
 * and an HTTP status for the server that will reuse the same use cases.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string | number, hint: string): AppError =>
  new AppError(`${what}_not_found`, `No ${what.replace(/_/g, ' ')} ${id}. ${hint}`, 404);

export const invalid = (code: string, message: string, details?: Record<string, unknown>): AppError =>
  new AppError(code, message, 400, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>): AppError =>
  new AppError(code, message, 409, details);

/**
 * The data itself cannot be used as it is: missing, read-only, damaged, on a full disk or
 * written by a newer release. The command line exits with its own status (4) for these, so a
 * script can tell "fix the data" from "fix the command". Its `cause` keeps the driver's error.
 */
export class DataError extends AppError {
  constructor(code: string, message: string, status = 503) {
    super(code, message, status);
    this.name = 'DataError';
  }
}

import type { ErrorCode, Failure } from '@ringstuga/shared';
import { ServerClosingError } from './db/write-batcher.ts';

export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } };
}

// SQLite result codes that mean "cannot write now": the request is refused, the server stays up.
const UNAVAILABLE_CODES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL)/;

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database cannot save right now; please try again in a moment';

/** True for a SQLite error that says the database cannot be written now (full, read-only, locked, I/O). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return UNAVAILABLE_CODES.test(code);
}

/** Turns an exception from a handler into a failure a station can show; nothing was committed. */
export function failureFromError(error: unknown): Failure {
  if (error instanceof ServerClosingError) return failure('unavailable', 'The server is restarting; please try again in a moment');
  if (isDatabaseUnavailable(error)) return failure('unavailable', DATABASE_UNAVAILABLE_MESSAGE);
  return failure('internal', 'Something went wrong on the server');
}

import type { ErrorCode, Failure } from '@ringstuga/shared';

export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } };
}

// SQLite result codes that mean "cannot write now": the request is refused, the server stays up.
const UNAVAILABLE_CODES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL)/;

/** Turns an exception from a handler into a failure a station can show; nothing was committed. */
export function failureFromError(error: unknown): Failure {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (UNAVAILABLE_CODES.test(code)) {
    return failure('unavailable', 'The database cannot save right now; please try again in a moment');
  }
  return failure('internal', 'Something went wrong on the server');
}

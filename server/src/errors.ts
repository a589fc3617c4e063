import type { ErrorCode, Failure } from '@ringstuga/shared';
import { ServerClosingError } from './db/write-batcher.ts';

export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } };
}

// SQLite result codes that mean "cannot write now": the request is refused, the server stays up.
const UNAVAILABLE_CODES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL)/;

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database cannot save right now; please try again in a moment';

// PostgreSQL (SQLSTATE classes): 08 connection exception, 53 insufficient resources, 57P01–57P03
// shut down or starting up; and the socket errors of a server that is not there (yet).
const PG_UNAVAILABLE_CODES = /^(08\w{3}|53\w{3}|57P0[123]|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/;
// node-postgres reports a connection lost mid-query with these messages and no code.
const PG_CONNECTION_LOST = /^Connection terminated|^Client has encountered a connection error|^timeout exceeded when trying to connect/;

/**
 * True for an error that says the database cannot be written now, so the request is refused and
 * may be retried: SQLite full, read-only, locked or failing I/O; PostgreSQL unreachable, restarting
 * or out of connections. (An outcome sent again after such an answer is recorded once.)
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  return UNAVAILABLE_CODES.test(code) || PG_UNAVAILABLE_CODES.test(code) || PG_CONNECTION_LOST.test(error.message);
}

/** Turns an exception from a handler into a failure a station can show; nothing was committed. */
export function failureFromError(error: unknown): Failure {
  if (error instanceof ServerClosingError) return failure('unavailable', 'The server is restarting; please try again in a moment');
  if (isDatabaseUnavailable(error)) return failure('unavailable', DATABASE_UNAVAILABLE_MESSAGE);
  return failure('internal', 'Something went wrong on the server');
}

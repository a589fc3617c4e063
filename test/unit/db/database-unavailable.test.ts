import { describe, expect, it } from 'vitest';
import { failureFromError, isDatabaseUnavailable } from '../../../server/src/errors.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable: the errors a station is told to retry after', () => {
  it('counts PostgreSQL down, restarting or out of connections, and a connection lost mid-query', () => {
    for (const error of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('53300', 'too many connections'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
      expect(failureFromError(error).error.code).toBe('unavailable');
    }
  });

  it('keeps SQLite\'s busy, full and read-only', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_READONLY']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
  });

  it('does not count a bug: a constraint violated, a syntax error, a plain error', () => {
    for (const error of [withCode('23505', 'duplicate key'), withCode('42601', 'syntax error'), withCode('SQLITE_CONSTRAINT_UNIQUE'), new Error('boom')]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(false);
      expect(failureFromError(error).error.code).toBe('internal');
    }
  });
});

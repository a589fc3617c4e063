import { describe, expect, it } from 'vitest';
import { positionalValues, statement, toPositional } from '../../../../server/src/db/store/statement.ts';

describe('statement texts for PostgreSQL', () => {
  it('numbers named parameters in order of first use, one number per name', () => {
    const positional = toPositional('UPDATE t SET a = @a, b = @b WHERE id = @id AND a <> @a');
    expect(positional).toEqual({ text: 'UPDATE t SET a = $1, b = $2 WHERE id = $3 AND a <> $1', names: ['a', 'b', 'id'] });
    expect(positionalValues(positional, { id: 7, a: 'x', b: null })).toEqual(['x', null, 7]);
  });

  it('numbers question marks, and leaves strings, quoted names, comments and casts alone', () => {
    const text = `SELECT '?' AS q, "a@b" AS n, x::int8 FROM t -- what @x?\nWHERE a = ? /* @y ? */ AND b = ?`;
    expect(toPositional(text).text).toBe(`SELECT '?' AS q, "a@b" AS n, x::int8 FROM t -- what @x?\nWHERE a = $1 /* @y ? */ AND b = $2`);
  });

  it('refuses a named parameter that is not given, and a statement mixing both kinds', () => {
    expect(() => positionalValues(toPositional('SELECT @a'), {})).toThrow('@a');
    expect(() => toPositional('SELECT @a, ?')).toThrow('mixes');
  });

  it('uses the SQLite text on PostgreSQL unless one is given', () => {
    expect(statement('SELECT 1').postgres).toBe('SELECT 1');
    expect(statement({ sqlite: 'SELECT MAX(a, b)', postgres: 'SELECT GREATEST(a, b)' }).postgres).toBe('SELECT GREATEST(a, b)');
  });
});

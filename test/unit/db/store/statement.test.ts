import { describe, expect, it } from 'vitest';
import { functionStatement, positionalValues, statement, toPositional } from '../../../../server/src/db/store/statement.ts';

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

  it("writes a PL/pgSQL function's @names as its variables, and is called with its parameters in their order", () => {
    const fn = functionStatement<{ a: number; b: string }, { result: number }>({
      sqlite: 'SELECT 0 AS result',
      params: { a: 'integer', b: 'text' },
      returns: 'integer',
      declare: '@n integer;',
      body: "SELECT COUNT(*) INTO @n FROM t WHERE a = @a AND b = @b AND c <> '@a'; RETURN @n;",
    });
    expect(fn.postgres).toBe(`SELECT ${fn.routine!.name}(@a, @b) AS result`);
    expect(fn.routine!.create).toContain(`FUNCTION ${fn.routine!.name}(_a integer, _b text) RETURNS integer`);
    expect(fn.routine!.create).toContain("SELECT COUNT(*) INTO _n FROM t WHERE a = _a AND b = _b AND c <> '@a'; RETURN _n;");
    expect(() => functionStatement({ sqlite: '', params: {}, returns: 'integer', declare: '', body: 'RETURN ?;' })).toThrow('@name');
  });
});

import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';

/**
 * A typed SQL statement with its text for each store: SQLite's, and PostgreSQL's where it must
 * differ (most statements are written once, in SQL both accept). Parameters are named (`@name`,
 * bound from an object) or positional (`?`, bound from an array). Used where a query is hot enough
 * to be prepared once (SQLite) or named once per connection (PostgreSQL); elsewhere drizzle builds
 * the SQL.
 */
export interface Statement<P extends StatementParams = StatementParams, R = unknown> {
  readonly sqlite: string;
  readonly postgres: string;
  /** PostgreSQL: a function the text calls, created in the database before the statement first runs there. */
  readonly routine?: Routine;
  /** Phantom: the parameters and the row type, for inference only. */
  readonly types?: { params: P; row: R };
}

/** Arrays: PostgreSQL's only (a batch's elements, bound as one array parameter). */
export type SqlValue = string | number | bigint | null | readonly number[] | readonly string[];
export type StatementParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export function statement<P extends StatementParams, R = unknown>(text: string | { sqlite: string; postgres?: string }): Statement<P, R> {
  const sqlite = typeof text === 'string' ? text : text.sqlite;
  const postgres = typeof text === 'string' ? text : (text.postgres ?? text.sqlite);
  return { sqlite, postgres };
}

/** A PostgreSQL function named after a hash of its definition: a changed definition is a new function, so nodes of two versions never replace each other's. */
export interface Routine {
  readonly name: string;
  readonly create: string;
  /** Routines this one calls: the store makes sure of them too. */
  readonly uses?: readonly Routine[];
}

/**
 * A statement that must see every write committed before `lockKey` was granted to it. On PostgreSQL
 * a PL/pgSQL function takes the transaction lock, then runs the text with a fresh snapshot (a
 * volatile function takes one per statement): one round trip, where `q.lock(key)` and the statement
 * are two. Run as a write of its own (`Store.writeOne`), the lock is held for no round trip at all:
 * the function, then the commit. On SQLite (one writer at a time) the text alone.
 * `types`: PostgreSQL's type of each named parameter, and the result's columns as a RETURNS TABLE
 * list (exactly the types the text yields).
 */
export function lockedStatement<P extends Readonly<Record<string, SqlValue>>, R>(
  lockKey: string,
  text: { sqlite: string; postgres: string },
  types: { params: Readonly<Record<string, string>>; columns: string },
): Statement<P, R> {
  const { text: body, names } = toPositional(text.postgres);
  const params = names.map((name) => {
    const type = types.params[name];
    if (!type) throw new Error(`lockedStatement: no type for @${name}`);
    return type;
  });
  const definition = `(${params.join(', ')}) RETURNS TABLE (${types.columns}) LANGUAGE plpgsql VOLATILE AS $routine$
#variable_conflict use_column
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${lockKey.replaceAll("'", "''")}'));
  RETURN QUERY ${body};
END $routine$`;
  const name = `ringstuga_locked_${createHash('sha256').update(definition).digest('hex').slice(0, 16)}`;
  return {
    sqlite: text.sqlite,
    postgres: `SELECT * FROM ${name}(${names.map((name) => `@${name}`).join(', ')})`,
    routine: { name, create: `CREATE OR REPLACE FUNCTION ${name}${definition}` },
  };
}

/**
 * A statement that calls a PL/pgSQL function written here: several statements, and the decisions
 * between them, in one round trip. `@name` in `declare` and `body` is the variable `_name`: a
 * parameter (typed in `params`, in the function's order) or a local declared as `_name`, so the
 * statements of this file can be pasted in with their own `@name` parameters. `uses`: the
 * statements whose functions the body calls. On SQLite, `sqlite` (if anything runs there at all).
 *
 * Its statements are planned once per connection (plan_cache_mode=force_generic_plan), and so are
 * those of the functions it calls (`uses`: a setting holds until the function returns). Each takes
 * a batch's arrays, and PostgreSQL's own choice would plan them anew at every call: a plan for an
 * array of unknown length (estimated at ten) never looks as cheap as one for the one or two
 * elements at hand, so the plan for the length at hand wins every time, at about ten times the
 * statement's run (docs/benchmark.md, "Planned once").
 */
export function functionStatement<P extends Readonly<Record<string, SqlValue>>, R>(definition: {
  sqlite: string;
  params: Readonly<Record<string, string>>;
  returns: string;
  declare: string;
  body: string;
  uses?: readonly Statement[];
}): Statement<P, R> {
  const params = Object.entries(definition.params);
  const signature = params.map(([name, type]) => `_${name} ${type}`).join(', ');
  const text = `(${signature}) RETURNS ${definition.returns} LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $routine$
DECLARE
${toVariables(definition.declare)}
BEGIN
${toVariables(definition.body)}
END $routine$`;
  const name = `ringstuga_fn_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  const uses = (definition.uses ?? []).map((used) => used.routine).filter((routine) => routine !== undefined);
  return {
    sqlite: definition.sqlite,
    postgres: `SELECT ${name}(${params.map(([name]) => `@${name}`).join(', ')}) AS result`,
    routine: { name, create: `CREATE OR REPLACE FUNCTION ${name}${text}`, uses },
  };
}

/** `@name` as the PL/pgSQL variable `_name` (quoted text and comments left alone). */
function toVariables(text: string): string {
  return text.replace(TOKENS, (token: string, name: string | undefined) => {
    if (token === '?') throw new Error('functionStatement: use @name, not ?');
    return name === undefined ? token : `_${name}`;
  });
}

export const isStatement = (value: unknown): value is Statement =>
  typeof value === 'object' && value !== null && typeof (value as Statement).sqlite === 'string' && typeof (value as Statement).postgres === 'string';

/** drizzle's `sql` (not a builder, which is awaitable and also has getSQL). */
export const isSql = (query: unknown): query is SQL => typeof (query as SQL).getSQL === 'function' && !('then' in (query as object));

/** A statement's PostgreSQL text with `$n` placeholders, and the parameter names in their order (empty for `?`). */
export interface Positional {
  text: string;
  names: string[];
}

// Quoted strings, quoted identifiers and comments are skipped; `::` casts are not parameters.
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|::|@([A-Za-z_][A-Za-z0-9_]*)|\?/g;

/** Rewrites `@name` and `?` into PostgreSQL's `$n`; one name used twice is one parameter. */
export function toPositional(text: string): Positional {
  const names: string[] = [];
  let questionMarks = 0;
  const rewritten = text.replace(TOKENS, (token: string, name: string | undefined) => {
    if (name !== undefined) {
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      return `$${index + 1}`;
    }
    if (token === '?') return `$${++questionMarks}`;
    return token;
  });
  if (names.length > 0 && questionMarks > 0) throw new Error('a statement mixes @named and ? parameters');
  return { text: rewritten, names };
}

/** The values for a statement's `$n`, in order. */
export function positionalValues(positional: Positional, params: StatementParams | undefined): SqlValue[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return [...(params as readonly SqlValue[])];
  const named = params as Readonly<Record<string, SqlValue>>;
  return positional.names.map((name) => {
    const value = named[name];
    if (value === undefined) throw new Error(`missing statement parameter @${name}`);
    return value;
  });
}

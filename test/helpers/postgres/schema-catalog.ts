import type Database from 'better-sqlite3';
import type pg from 'pg';

/** One table as a database's catalog describes it, in a shape both SQLite and PostgreSQL give. */
export interface CatalogTable {
  columns: { name: string; notNull: boolean; hasDefault: boolean }[];
  primaryKey: string[];
  indexes: { name: string; columns: string[]; unique: boolean; partial: boolean }[];
  foreignKeys: { columns: string[]; references: string; to: string[]; onDelete: string }[];
}
export type Catalog = Record<string, CatalogTable>;

const byName = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => a.name.localeCompare(b.name));
const byColumns = <T extends { columns: string[] }>(rows: T[]) => rows.sort((a, b) => a.columns.join().localeCompare(b.columns.join()));

/** A migrated SQLite file's tables, without SQLite's and drizzle's own. */
export function sqliteCatalog(sqlite: Database.Database): Catalog {
  const tables = sqlite
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
    .all();
  const catalog: Catalog = {};
  for (const { name: table } of tables) {
    const columns = sqlite.prepare<[], { name: string; notnull: number; dflt_value: string | null; pk: number }>(`PRAGMA table_info("${table}")`).all();
    const indexes = sqlite
      .prepare<[], { name: string; unique: number; origin: string; partial: number }>(`PRAGMA index_list("${table}")`)
      .all()
      .filter((index) => index.origin !== 'pk');
    const foreignKeys = sqlite
      .prepare<[], { id: number; table: string; from: string; to: string; on_delete: string }>(`PRAGMA foreign_key_list("${table}")`)
      .all();
    catalog[table] = {
      columns: byName(columns.map((column) => ({ name: column.name, notNull: column.notnull === 1, hasDefault: column.dflt_value !== null }))),
      primaryKey: columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name),
      indexes: byName(
        indexes.map((index) => ({
          name: index.name,
          columns: sqlite.prepare<[], { name: string }>(`PRAGMA index_info("${index.name}")`).all().map((column) => column.name),
          unique: index.unique === 1,
          partial: index.partial === 1,
        })),
      ),
      foreignKeys: byColumns(
        [...new Set(foreignKeys.map((key) => key.id))].map((id) => {
          const parts = foreignKeys.filter((key) => key.id === id);
          return { columns: parts.map((key) => key.from), references: parts[0]?.table ?? '', to: parts.map((key) => key.to), onDelete: parts[0]?.on_delete ?? '' };
        }),
      ),
    };
  }
  return catalog;
}

// pg_constraint.confdeltype, in SQLite's words.
const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** A migrated PostgreSQL database's tables in the public schema (drizzle's journal lives in its own). */
export async function postgresCatalog(client: pg.ClientBase): Promise<Catalog> {
  const columns = await client.query<{ table: string; name: string; nullable: string; default: string | null }>(
    `SELECT table_name AS table, column_name AS name, is_nullable AS nullable, column_default AS default
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const indexes = await client.query<{ table: string; name: string; columns: string[]; unique: boolean; primary: boolean; partial: boolean }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary, x.indpred IS NOT NULL AS partial,
            array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public'`,
  );
  const foreignKeys = await client.query<{ table: string; references: string; columns: string[]; to: string[]; on_delete: string }>(
    `SELECT t.relname AS table, r.relname AS references, c.confdeltype AS on_delete,
            array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS to
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace s ON s.oid = t.relnamespace WHERE c.contype = 'f' AND s.nspname = 'public'`,
  );
  const catalog: Catalog = {};
  for (const table of new Set(columns.rows.map((column) => column.table))) {
    const tableIndexes = indexes.rows.filter((index) => index.table === table);
    catalog[table] = {
      columns: byName(
        columns.rows.filter((column) => column.table === table).map((column) => ({ name: column.name, notNull: column.nullable === 'NO', hasDefault: column.default !== null })),
      ),
      primaryKey: tableIndexes.find((index) => index.primary)?.columns ?? [],
      indexes: byName(tableIndexes.filter((index) => !index.primary).map(({ name, columns: on, unique, partial }) => ({ name, columns: on, unique, partial }))),
      foreignKeys: byColumns(
        foreignKeys.rows
          .filter((key) => key.table === table)
          .map((key) => ({ columns: key.columns, references: key.references, to: key.to, onDelete: ON_DELETE[key.on_delete] ?? key.on_delete })),
      ),
    };
  }
  return catalog;
}

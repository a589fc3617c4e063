import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/src/db/open.ts';
import * as pgSchema from '../../../server/src/db/pg-schema.ts';
import * as sqliteSchema from '../../../server/src/db/schema.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { postgresDatabase } from '../../helpers/postgres/database.ts';
import { postgresCatalog, sqliteCatalog, type Catalog } from '../../helpers/postgres/schema-catalog.ts';

/** Each exported table: its export name → table name and JS property names. */
function tablesOf(module: Record<string, unknown>, table: typeof SQLiteTable | typeof PgTable): Record<string, { name: string; properties: string[] }> {
  return Object.fromEntries(
    Object.entries(module)
      .filter(([, value]) => is(value, table))
      .map(([exported, value]) => {
        const found = value as SQLiteTable | PgTable;
        return [exported, { name: getTableName(found), properties: Object.keys(getTableColumns(found)).sort() }];
      }),
  );
}

// Rendered SQL of a predicate, without what the dialects write differently (quotes, spacing, case).
const normalised = (predicate: string) => predicate.replace(/["`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** index name → its partial-index predicate, as drizzle renders it from the schema objects. */
function sqlitePredicates(): Record<string, string> {
  const dialect = new SQLiteSyncDialect();
  return Object.fromEntries(
    Object.values(sqliteSchema as Record<string, unknown>)
      .filter((value): value is SQLiteTable => is(value, SQLiteTable))
      .flatMap((table) => sqliteTableConfig(table).indexes)
      .flatMap(({ config }) => (config.where ? [[config.name, normalised(dialect.sqlToQuery(config.where).sql)]] : [])),
  );
}

function postgresPredicates(): Record<string, string> {
  const dialect = new PgDialect();
  return Object.fromEntries(
    Object.values(pgSchema as Record<string, unknown>)
      .filter((value): value is PgTable => is(value, PgTable))
      .flatMap((table) => pgTableConfig(table).indexes)
      .flatMap(({ config }) => (config.where && config.name ? [[config.name, normalised(dialect.sqlToQuery(config.where).sql)]] : [])),
  );
}

describe('schema.ts and pg-schema.ts', () => {
  it('export the same tables under the same names, with the same property names', () => {
    const sqlite = tablesOf(sqliteSchema, SQLiteTable);
    expect(Object.keys(sqlite).length).toBeGreaterThan(30);
    expect(tablesOf(pgSchema, PgTable)).toEqual(sqlite);
  });

  it('give every partial index the same predicate', () => {
    const sqlite = sqlitePredicates();
    expect(Object.keys(sqlite)).toContain('contacts_claim_any');
    expect(postgresPredicates()).toEqual(sqlite);
  });
});

// Tables only PostgreSQL has: what several nodes share for realtime (migrations/postgres/0002_realtime_nodes.sql).
// SQLite runs one process and keeps that in memory.
const POSTGRES_ONLY = new Set(['socket_io_attachments', 'realtime_nodes', 'realtime_presence']);

describeWithPostgres('a migrated SQLite file and a migrated PostgreSQL database', () => {
  const postgresUrl = postgresDatabase();
  let sqlite: Catalog;
  let postgres: Catalog;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ringstuga-agreement-'));
    try {
      const db = openDatabase(join(folder, 'ringstuga.db'));
      sqlite = sqliteCatalog(db.$client);
      db.$client.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const client = new pg.Client({ connectionString: postgresUrl() });
    await client.connect();
    const catalog = await postgresCatalog(client).finally(() => client.end());
    expect(Object.keys(catalog)).toEqual(expect.arrayContaining([...POSTGRES_ONLY]));
    postgres = Object.fromEntries(Object.entries(catalog).filter(([table]) => !POSTGRES_ONLY.has(table)));
  });

  it('have the same tables', () => {
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
  });

  it('have the same columns in every table: name, not-null and whether there is a default', () => {
    for (const table of Object.keys(sqlite)) expect({ table, columns: postgres[table]?.columns }).toEqual({ table, columns: sqlite[table]?.columns });
  });

  it('have the same primary keys', () => {
    for (const table of Object.keys(sqlite)) expect({ table, key: postgres[table]?.primaryKey }).toEqual({ table, key: sqlite[table]?.primaryKey });
  });

  it('have the same unique and plain indexes: name, columns, uniqueness and whether partial', () => {
    for (const table of Object.keys(sqlite)) expect({ table, indexes: postgres[table]?.indexes }).toEqual({ table, indexes: sqlite[table]?.indexes });
  });

  it('have the same foreign keys, with the same ON DELETE', () => {
    for (const table of Object.keys(sqlite)) expect({ table, keys: postgres[table]?.foreignKeys }).toEqual({ table, keys: sqlite[table]?.foreignKeys });
  });
});

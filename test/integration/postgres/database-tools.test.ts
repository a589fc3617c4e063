import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS_FOLDER } from '../../../server/src/db/pg/migrate.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { REPO_ROOT } from '../../helpers/server-process.ts';

const journal = JSON.parse(readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };

/** One of the operator's tools (`npm run db:migrate`, `npm run backup`, a node) as a shell runs it, with DATABASE_URL set. */
async function runTool(script: string, databaseUrl: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl },
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const withUser = (url: string, user: string) => Object.assign(new URL(url), { username: user }).toString();

describeWithPostgres("the operator's database tools on PostgreSQL", () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('`npm run db:migrate` migrates the database DATABASE_URL names, and says which without its password', async () => {
    database = await createDatabase({ migrated: false });
    const url = withUser(database.url, 'postgres');
    const run = await runTool('server/src/db/migrate-cli.ts', Object.assign(new URL(url), { password: 'not-printed' }).toString());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim()).toBe(`Migrated PostgreSQL database ${database.name} on ${new URL(url).host}`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const applied = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      expect(applied.rows).toEqual([{ n: journal.entries.length }]);
    } finally {
      await client.end();
    }
  });

  it('a user who does not own its database is told so by the tool and by a node, not shown a stack', async () => {
    database = await createDatabase({ migrated: false });
    const { url } = database;
    const role = `visitor_${database.name}`;
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      const run = await runTool('server/src/db/migrate-cli.ts', withUser(database.url, role));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^PostgreSQL refused the migrations \(permission denied .*\): the user in DATABASE_URL must own its database/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      // A node started with it stops at once, saying the same.
      const node = await runTool('server/src/main.ts', withUser(database.url, role));
      expect(node.code).toBe(1);
      expect(node.stderr).toMatch(/^Ringstuga could not start: PostgreSQL refused the migrations \(permission denied .*\): the user in DATABASE_URL must own its database/);
    } finally {
      await admin.end();
      // A role is the cluster's, not the database's: dropped from the maintenance database once this one is gone.
      await database.drop();
      database = undefined;
      const cluster = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
      await cluster.connect();
      await cluster.query(`DROP ROLE ${role}`).finally(() => cluster.end());
    }
  });

  it('`npm run backup` with DATABASE_URL set refuses, and names the tool that backs PostgreSQL up', async () => {
    database = await createDatabase();
    const run = await runTool('server/src/db/backup-cli.ts', database.url, ['/tmp/never-written.db']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pg_dump');
  });
});

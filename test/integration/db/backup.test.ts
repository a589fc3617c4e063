import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as schema from '../../../server/src/db/schema.ts';
import { SqliteStore } from '../../../server/src/db/store/sqlite-store.ts';
import { WriteBatcher } from '../../../server/src/db/write-batcher.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { expectConsistent, missingOutcomes } from '../../helpers/database-checks.ts';
import { REPO_ROOT } from '../../helpers/server-process.ts';
import { tempDatabasePath } from '../../helpers/server.ts';
import { seededRandom, startStationLoop, waitUntil, type StationLoop } from '../../helpers/station-loop.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

const CLI_TIMEOUT_MS = 20_000;

let campaign: CampaignServer | undefined;
let loops: StationLoop[] = [];
let stopLoops = false;
let temp: ReturnType<typeof tempDatabasePath> | undefined;
const children = new Set<ReturnType<typeof spawn>>();

afterEach(async () => {
  stopLoops = true;
  await Promise.all(loops.map((loop) => loop.done));
  loops = [];
  stopLoops = false;
  children.forEach((child) => child.kill('SIGKILL'));
  children.clear();
  await campaign?.close();
  campaign = undefined;
  temp?.cleanup();
  temp = undefined;
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run backup -- ...args`, as a child process like an operator's shell would run it. */
async function runBackupCli(args: string[], databasePath: string): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/db/backup-cli.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: databasePath },
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  children.delete(child);
  return { code, stdout, stderr };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

// SQLite only: copies the SQLite file with SQLite's online backup (PostgreSQL backs up with its own tools).
describe.skipIf(onPostgres)('npm run backup', () => {
  it('copies a consistent snapshot of the live database while stations keep calling', async () => {
    campaign = await startCampaign({
      lists: [
        { phones: range(1, 2_000), municipalityCode: '0180', municipalityName: 'Stockholm' },
        { phones: [...range(1_801, 200), ...range(3_000, 1_800)], municipalityCode: '0182', municipalityName: 'Nacka' },
      ],
      stations: 4,
    });
    const stations = await Promise.all([0, 1, 2, 3].map((index) => campaign!.join(index)));
    loops = stations.map((socket, index) =>
      startStationLoop(socket, {
        random: seededRandom(index + 7),
        maxThinkMs: 1,
        maxCycles: 20_000,
        deadline: Date.now() + 30_000,
        stop: () => stopLoops,
      }),
    );
    await waitUntil(() => loops.every((loop) => loop.record.cycles > 0), 10_000, 'every station to finish a cycle');

    const backupPath = join(campaign.databasePath, '..', 'backup.db');
    const ackedBeforeBackup = loops.flatMap((loop) => [...loop.record.acked]);
    const run = await runBackupCli([backupPath], campaign.databasePath);
    const ackedSoFar = () => loops.reduce((sum, loop) => sum + loop.record.acked.length, 0);
    const ackedAfterBackup = ackedSoFar();
    // One more outcome after the copy finished, so the live file is surely ahead of the copy.
    await waitUntil(() => ackedSoFar() > ackedAfterBackup, 5_000, 'an outcome after the backup');
    stopLoops = true;
    const records = await Promise.all(loops.map((loop) => loop.done));
    expect(run, run.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Backed up \d+ pages of .+ to .+backup\.db\n$/) });
    records.forEach((record) => expect(record.refused).toEqual([]));
    // The stations really were calling while the copy ran.
    expect(ackedAfterBackup).toBeGreaterThan(ackedBeforeBackup.length);

    const backup = new Database(backupPath, { fileMustExist: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      // Consistent: the copy's counters add up against its own call rows, holds match leases.
      const copy = new SqliteStore(drizzle(backup, { schema }), new WriteBatcher(backup));
      await expectConsistent(copy);
      expect(await missingOutcomes(copy, ackedBeforeBackup), 'outcomes acknowledged before the backup started').toEqual([]);
      const copied = backup.prepare('SELECT COUNT(*) FROM calls').pluck().get() as number;
      const live = campaign.app.db.$client.prepare('SELECT COUNT(*) FROM calls').pluck().get() as number;
      // A snapshot from the middle of the stream: more than before the command, less than after it.
      expect(copied).toBeGreaterThan(ackedBeforeBackup.length);
      expect(copied).toBeLessThan(live);
    } finally {
      backup.close();
    }
  });

  it('writes the copy readable by its owner only (0600), in a folder it makes 0700', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 10) }], stations: 1 });
    const target = join(campaign.databasePath, '..', 'backups', 'copy.db');
    const run = await runBackupCli([target], campaign.databasePath);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(join(target, '..')).mode & 0o777).toBe(0o700);
  });

  it('refuses to overwrite an existing file unless --force is given', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 10) }], stations: 1 });
    const target = join(campaign.databasePath, '..', 'existing.db');
    writeFileSync(target, 'an older backup');

    const refused = await runBackupCli([target], campaign.databasePath);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists; pass --force to overwrite it/);
    expect(readFileSync(target, 'utf8')).toBe('an older backup');

    const forced = await runBackupCli([target, '--force'], campaign.databasePath);
    expect(forced, forced.stderr).toMatchObject({ code: 0 });
    const copy = new Database(target, { fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(10);
    } finally {
      copy.close();
    }
  });

  it('explains its usage when the file is missing, and fails clearly without a database', async () => {
    temp = tempDatabasePath();
    const missingArgument = await runBackupCli([], temp.path);
    expect(missingArgument.code).toBe(2);
    expect(missingArgument.stderr).toMatch(/missing the backup file\nusage: npm run backup -- <file> \[--force\]/);

    const noDatabase = await runBackupCli([join(temp.path, '..', 'copy.db')], temp.path);
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toMatch(/no database at .+test\.db/);
    expect(existsSync(temp.path)).toBe(false);
  });
});

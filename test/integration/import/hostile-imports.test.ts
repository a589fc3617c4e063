import { describe, expect, it } from 'vitest';
import { prepareCampaignFile } from '../../helpers/campaign-file.ts';
import { serverProcessFixture, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { ADMIN_TOKEN, tempDatabasePath } from '../../helpers/server.ts';
import { connectStation } from '../../helpers/station-client.ts';
import { seededRandom, startStationLoop, waitUntil } from '../../helpers/station-loop.ts';
import { fakeWorkbook, manyRowsFile, zipBombWorkbook } from '../../factories/import-files.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

// The hostile files of the security review, posted to the production bundle under its heap cap
// (as npm start runs it) while stations call: each fails its own import with a clear answer,
// and the server is still up and acknowledging stations afterwards.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STATIONS = 3;
const files = serverProcessFixture();

async function post(server: ServerProcess, file: Uint8Array, contentType: string, query = 'dryRun=true') {
  const response = await fetch(`${server.url}/api/lists/1/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

// SQLite only: the bundle runs over a seeded SQLite file (prepareCampaignFile).
describe.skipIf(onPostgres)('hostile imports against the production bundle', () => {
  it('answers a zip bomb, a fake workbook, 400 k rejected rows and a million rows with 413/400, and keeps serving stations', { timeout: 120_000 }, async () => {
    files.temp = tempDatabasePath();
    const seats = await prepareCampaignFile(files.temp.path, { contactsPerList: 20_000, stations: STATIONS });
    const server = await startServerProcess({ databasePath: files.temp.path, bundle: true });
    files.clients = await Promise.all(seats.map((seat) => connectStation(server.url, seat.token)));
    let stop = false;
    const loops = files.clients.map((socket, index) =>
      startStationLoop(socket, { random: seededRandom(index + 1), maxThinkMs: 20, maxCycles: 100_000, deadline: Date.now() + 110_000, stop: () => stop, ackTimeoutMs: 20_000 }),
    );
    await waitUntil(() => loops.every((loop) => loop.record.cycles > 0), 20_000, 'every station to finish a cycle');

    const bomb = await post(server, zipBombWorkbook(), XLSX);
    expect(bomb).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
    expect(bomb.body.error!.message).toMatch(/inflates to 300 MB/);
    const liar = await post(server, zipBombWorkbook({ inflatedMb: 150, claimedMb: 2 }), XLSX);
    expect(liar).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });

    const fake = await post(server, fakeWorkbook(), XLSX, 'fileName=lista.xlsx');
    expect(fake).toMatchObject({ status: 400, body: { error: { code: 'bad_file' } } });
    expect(fake.body.error!.message).toMatch(/not an Excel workbook/);

    const noNumbers = await post(server, manyRowsFile(400_000, (i) => `Person ${i};`), 'text/csv');
    expect(noNumbers).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
    const million = await post(server, manyRowsFile(1_000_000, (i) => `Person ${i};070${String(1_000_000 + i).slice(-7)}`), 'text/csv');
    expect(million).toMatchObject({ status: 413, body: { error: { message: expect.stringMatching(/more than 200,000 rows/) } } });

    // Under the cap, a file of rows with no number is answered with a report, not the rows.
    const rejected = await post(server, manyRowsFile(150_000, (i) => `Person ${i};`), 'text/csv');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ imported: 0, rejectedCount: 150_000, rejectedByReason: { missing_phone: 150_000 } });
    expect(rejected.body.rejected).toHaveLength(1_000);

    const cyclesAfterImports = loops.map((loop) => loop.record.cycles);
    await waitUntil(() => loops.every((loop, i) => loop.record.cycles > cyclesAfterImports[i]! + 5), 20_000, 'stations to keep calling');
    stop = true;
    const records = await Promise.all(loops.map((loop) => loop.done));
    for (const record of records) {
      expect(record.end).toBe('stopped');
      expect(record.refused).toEqual([]);
    }
    expect(server.isRunning()).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // Refused files are the client's fault: nothing at error level, no stack trace.
    expect(server.output()).not.toMatch(/"level":(50|60)/);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});

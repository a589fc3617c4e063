import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeWorkbook, manyRowsFile, zipBombWorkbook } from '../../factories/import-files.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { auditEntries } from '../../helpers/audit-entries.ts';
import { execute, single } from '../../helpers/store-values.ts';

// What an import refuses, and how: a bounded report of rejected rows, 413 for what is too large,
// 400 for what is no workbook, 409 while the association's previous import runs.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

async function upload(listId: number, file: Uint8Array, query: Record<string, string> = {}, contentType = 'text/csv'): Promise<Answer> {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${campaign!.url}/api/lists/${listId}/import${search ? `?${search}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Resolves once the import `importId` has taken its association's turn (its progress is readable). */
async function startedImport(listId: number, importId: string): Promise<void> {
  for (let tries = 0; tries < 2_000; tries += 1) {
    const progress = await fetch(`${campaign!.url}/api/lists/${listId}/import-progress?importId=${importId}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    if (progress.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the import never started');
}

const validRows = (rows: number) => manyRowsFile(rows, (i) => `Person ${i};070${String(1_000_000 + i).slice(-7)}`);

describe('import limits', () => {
  it('answers 5,000 rows with no number with the first 1,000 and a count per reason', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    const file = manyRowsFile(5_000, (i) => (i % 5 === 0 ? `Person ${i};12345` : `Person ${i};`));
    const { status, body } = await upload(listId, file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 0, rejectedCount: 5_000, rejectedByReason: { invalid_phone: 1_000, missing_phone: 4_000 } });
    const rejected = body.rejected as { row: number }[];
    expect(rejected).toHaveLength(1_000);
    expect(rejected.map((row) => row.row)).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 2));
    expect((await auditEntries(campaign.app))[0]?.detail).toMatchObject({ rows: 5_000, rejected: 5_000 });
  });

  it('answers 3,000 rows imported with a change with the first 1,000 and a count per reason, leaving out rows the matching rejected', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    // Every row's district is an address or a person; every hundredth row repeats an earlier member's id.
    const file = manyRowsFile(3_000, (i) => {
      const id = i % 100 === 99 ? i - 1 : i;
      return `Person ${i};070${String(1_000_000 + i).slice(-7)};${i % 3 === 0 ? `Storgatan ${i}` : 'Anna Andersson'};${id}`;
    }, 'Namn;Telefon;Valdistrikt;Medlemsnummer');
    const { status, body } = await upload(listId, file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 2_970, rejectedCount: 30, rejectedByReason: { duplicate_in_file: 30 } });
    expect(body).toMatchObject({ adjustedCount: 2_970, adjustedByReason: { district_like_address: 990, district_like_person: 1_980 } });
    const adjusted = body.adjusted as { row: number }[];
    expect(adjusted).toHaveLength(1_000);
    const rejectedRows = new Set((body.rejected as { row: number }[]).map((row) => row.row));
    expect(adjusted.some((row) => rejectedRows.has(row.row))).toBe(false);
  });

  it('refuses a zip bomb (dry run too) with 413 and a file that says it is a workbook but is no zip with 400 bad_file, logging no error', { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0, logger: { level: 'info', stream } });
    const { listId } = campaign.lists[0]!;
    const bomb = await upload(listId, zipBombWorkbook({ inflatedMb: 150 }), { dryRun: 'true' }, XLSX);
    expect(bomb).toMatchObject({
      status: 413,
      body: { error: { code: 'too_large', message: expect.stringMatching(/zip bomb/), reason: 'workbook_inflates', params: { entryMb: 200, totalMb: 300 } } },
    });

    for (const [query, type] of [[{}, XLSX], [{ fileName: 'lista.xlsx' }, 'application/octet-stream']] as const) {
      const fake = await upload(listId, fakeWorkbook(), query, type);
      expect(fake).toMatchObject({ status: 400, body: { error: { code: 'bad_file', message: expect.stringMatching(/not an Excel workbook/), reason: 'not_a_workbook' } } });
    }
    // A CSV sent as a workbook is not silently read as CSV either.
    expect((await upload(listId, validRows(3), {}, XLSX)).status).toBe(400);
    const errors = lines.map((line) => JSON.parse(line) as { level: number }).filter((entry) => entry.level >= 50);
    expect(errors).toEqual([]);
  });

  it('refuses a file of more than 200,000 rows with 413, and writes nothing', { timeout: 60_000 }, async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    const answer = await upload(listId, validRows(200_001));
    expect(answer).toMatchObject({
      status: 413,
      body: { error: { code: 'too_large', message: expect.stringMatching(/more than 200,000 rows/), reason: 'too_many_rows', params: { max: 200_000 } } },
    });
    expect(await single(campaign.app.store, sql`SELECT count(*) FROM contacts`)).toBe(0);
  });

  it('reads a file sent in pieces without a length like one sent whole, and refuses one beyond 50 MB with 413, its length said or not', { timeout: 60_000 }, async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }, { phones: [] }], stations: 0 });
    const [whole, pieces] = campaign.lists;
    const file = validRows(3_000);
    expect(await upload(whole!.listId, file)).toMatchObject({ status: 200, body: { imported: 3_000 } });
    let offset = 0;
    const chunked = await fetch(`${campaign.url}/api/lists/${pieces!.listId}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
      // A stream has no length to send: it goes as chunked transfer encoding.
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= file.length) return controller.close();
          controller.enqueue(file.subarray(offset, (offset += 997)));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(200);
    expect(await chunked.json()).toMatchObject({ imported: 3_000, rejectedCount: 0 });

    const url = `/api/lists/${whole!.listId}/import?dryRun=true`;
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' };
    const tooLarge = Buffer.alloc(51 * 1024 * 1024, 'a');
    const declared = await campaign.app.inject({ method: 'POST', url, headers, payload: tooLarge });
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({ error: { code: 'too_large', reason: 'request_too_large' } });
    const undeclared = await campaign.app.inject({ method: 'POST', url, headers, payload: Readable.from([tooLarge.subarray(0, 30e6), tooLarge.subarray(30e6)]) });
    expect(undeclared.statusCode).toBe(413);
    // A body longer than its Content-Length is refused, never read past the length it said.
    const lying = await campaign.app.inject({ method: 'POST', url, headers: { ...headers, 'content-length': '10' }, payload: Readable.from([Buffer.from(file)]) });
    expect(lying.statusCode).toBe(400);
  });

  it.runIf(process.platform === 'linux')('parses in a thread that gives way to the one answering stations (a higher nice value, Linux)', { timeout: 60_000 }, async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    const niceOfThreads = () =>
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        // Field 19 of proc(5), counted after the command name, which may hold spaces.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    const importId = randomUUID();
    const running = upload(listId, validRows(150_000), { importId, dryRun: 'true' });
    await startedImport(listId, importId);
    const own = getPriority(); // 0, or more when the tests themselves run under `nice`
    const parser = Math.min(19, own + 10);
    let seen: number[] = [];
    // Bounded in time, not tries: on a loaded machine the worker may take a while to start parsing.
    for (const until = Date.now() + 20_000; Date.now() < until && !seen.includes(parser); ) {
      seen = niceOfThreads();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen).toContain(parser);
    expect(getPriority()).toBe(own); // this process, and the server's thread in it, keep theirs
    expect((await running).status).toBe(200);
  });

  it('runs one import at a time per association: a second (a dry run too) is told to wait with 409, another association is not', { timeout: 60_000 }, async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }, { phones: [] }, { phones: [] }], stations: 0 });
    const [first, sameAssociation, other] = campaign.lists;
    // Two lists of one association.
    await execute(campaign.app.store, sql`UPDATE call_lists SET association_id = ${first!.associationId} WHERE id = ${sameAssociation!.listId}`);
    const importId = randomUUID();
    const running = upload(first!.listId, validRows(60_000), { importId });
    await startedImport(first!.listId, importId);

    const second = await upload(sameAssociation!.listId, validRows(10), { dryRun: 'true' });
    expect(second).toMatchObject({ status: 409, body: { error: { code: 'import_running', message: expect.stringMatching(/wait/) } } });
    expect((await upload(other!.listId, validRows(10))).status).toBe(200);

    expect((await running).status).toBe(200);
    expect((await upload(sameAssociation!.listId, validRows(10))).status).toBe(200);
    // A failed import frees the association's turn as well.
    expect((await upload(first!.listId, fakeWorkbook(), {}, XLSX)).status).toBe(400);
    expect((await upload(first!.listId, validRows(10), { dryRun: 'true' })).status).toBe(200);
  });

  it('fails an import whose parser runs out of memory with 413, frees the turn, and the server goes on', { timeout: 120_000 }, async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    const columns = Array.from({ length: 18 }, (_, j) => `Extra${j}`);
    const wide = [`Namn;Telefon;${columns.join(';')}\n`];
    for (let i = 0; i < 190_000; i += 1) wide.push(`P${i};;${columns.map((_, j) => `v${i}x${j}`).join(';')}\n`);
    const answer = await upload(listId, Buffer.from(wide.join('')), { dryRun: 'true' });
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'too_large', message: expect.stringMatching(/more memory/), reason: 'import_out_of_memory' } } });
    expect((await upload(listId, validRows(10))).body).toMatchObject({ imported: 10 });
  });
});

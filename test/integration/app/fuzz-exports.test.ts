import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { formulaText } from '../../helpers/hostile-payloads.ts';
import { api } from '../../helpers/http.ts';
import type { StationClient } from '../../helpers/station-client.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { FORMULA_START, splitCsv } from '../../helpers/spreadsheet-split.ts';

// Names and notes built from formula characters, separators, quotes and line breaks, recorded
// through a real station and exported: no spreadsheet splitting the CSV on , ; or tab finds a
// formula, and the workbook gives every name and note back as the text it is.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300) >= 3000 ? 200 : 25;

let campaign: CampaignServer;
let station: StationClient;
let listId: number;

beforeAll(async () => {
  campaign = await startCampaign({ lists: [{ phones: Array.from({ length: RUNS + 5 }, (_, i) => phoneNumber(i + 1)) }], stations: 1 });
  listId = campaign.lists[0]!.listId;
  station = await campaign.join(0);
});

afterAll(async () => {
  await campaign?.close();
});

function typedText(text: string): string {
  return text.replace(/\r(?!\n)/g, '\r\n');
}

async function body(path: string): Promise<Response> {
  const response = await api(campaign.url, 'GET', path, ADMIN_TOKEN);
  expect(response.status, path).toBe(200);
  return response;
}

describe('exports of hostile names and notes', () => {
  it('hold no formula in any CSV split, and give the text back whole in the workbook', async () => {
    const setName = (name: string, id: number) => campaign.app.store.write((q) => q.run(sql`UPDATE contacts SET name = ${name} WHERE id = ${id}`));
    await fc.assert(
      // A lone CR stays in the names (imported files carry them) but not in the typed note, which refuses it.
      fc.asyncProperty(formulaText, formulaText.map(typedText), async (name, note) => {
        const offered = assignmentOf(await station.emitWithAck('contact:next'));
        await setName(name, offered.contact.id);
        const result = await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation', note });
        expect(result).toEqual({ ok: true });
        for (const sep of ['comma', 'semicolon']) {
          const text = (await (await body(`/api/lists/${listId}/attempts.csv?sep=${sep}`)).text()).replace(/^\uFEFF/, '');
          for (const splitter of [',', ';', '\t']) {
            expect(splitCsv(text, splitter).flat().filter((field) => FORMULA_START.test(field))).toEqual([]);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // One workbook at the end (each is written in a worker thread): every name and note as stored, untrimmed.
    const workbook = Buffer.from(await (await body(`/api/lists/${listId}/attempts.xlsx`)).arrayBuffer());
    const rows = await readSheet(workbook, { trim: false });
    const stored = (
      await campaign.app.store.read((q) =>
        q.all<{ name: string; note: string | null }>(sql`SELECT c.name, k.note FROM calls k JOIN contacts c ON c.id = k.contact_id ORDER BY k.ended_at, k.id`),
      )
    ).map(({ name, note }) => [name, note] as const);
    expect(stored.length).toBeGreaterThanOrEqual(RUNS);
    // An empty note (all whitespace, trimmed) is an empty cell.
    expect(rows.slice(1).map((row) => [row[2], row[5]])).toEqual(stored.map(([name, note]) => [name, note === '' ? null : note]));
  }, 30_000 + RUNS * 500);
});

import { readSheet } from 'read-excel-file/node';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '@ringstuga/shared';
import { formatPhoneForDisplay } from '@ringstuga/shared/phone';
import { phoneNumber } from '../../factories/campaign.ts';
import { auditEntries } from '../../helpers/audit-entries.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute } from '../../helpers/store-values.ts';
import { askWantsToHelp, WANTS_TO_HELP_KEY } from '../../helpers/wants-to-help.ts';
import { FORMULA_START, splitCsv } from '../../helpers/spreadsheet-split.ts';

// Association A's list of five called through a real station over two days, and association B's
// list of one, whose number A's list has too: B's call asks not to be called again. A's change
// file holds A's wrong numbers, do-not-calls and new helpers, and nothing B's call learnt.
const DAY = 24 * 60 * MINUTE;
const clock = manualClock(Date.UTC(2026, 8, 1, 10)); // 2026-09-01 12:00 in Europe/Stockholm
const PEOPLE = [
  { name: '=HYPERLINK("x")', externalId: 'K-1' },
  { name: 'Åsa Öberg', externalId: '+4670123' },
  { name: 'Bo Ek', externalId: null },
  { name: 'Cia Lund', externalId: 'K-4' },
  { name: '@SUM(A1)', externalId: 'K-5' },
  { name: 'Dan Berg', externalId: 'K-6' },
];
const PHONES = [1, 2, 3, 4, 5, 50].map(phoneNumber);
let campaign: CampaignServer;
let listA: number;
let listB: number;
let associationA: number;
let tokenA: string;
let tokenB: string;
const at: number[] = [];

beforeAll(async () => {
  campaign = await startCampaign({ lists: [{ phones: PHONES }, { phones: [phoneNumber(50)] }], stations: 2, now: clock.now });
  const [a, b] = campaign.lists;
  [listA, listB, associationA] = [a!.listId, b!.listId, a!.associationId];
  for (const [i, person] of PEOPLE.entries()) {
    await execute(campaign.app.store, sql`UPDATE contacts SET name = ${person.name}, external_id = ${person.externalId} WHERE id = ${a!.contactIds[i]!}`);
  }
  const linkFor = async (associationId: number) =>
    ((await (await api(campaign.url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, {})).json()) as { token: string }).token;
  [tokenA, tokenB] = [await linkFor(associationA), await linkFor(b!.associationId)];

  const stationA = await campaign.join(0, { checkin: { name: 'Ada', associationId: associationA } });
  const stationB = await campaign.join(1, { checkin: { name: 'Bo', associationId: b!.associationId } });
  await askWantsToHelp(campaign.url, listA);
  const call = async (station: typeof stationA, outcome: Outcome, answers?: Record<string, string>) => {
    const offered = assignmentOf(await station.emitWithAck('contact:next'));
    const result = await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome, ...(answers && { answers }) });
    if (!result.ok) throw new Error(result.error.message);
    at.push(clock.now());
    clock.advance(MINUTE);
    return offered.contact.id;
  };
  // B first: A's contact with that number is then never offered to A, and is no change of A's.
  await call(stationB, 'do_not_call');
  at.length = 0;
  await call(stationA, 'wrong_number');
  await call(stationA, 'do_not_call');
  await call(stationA, 'no_answer');
  // Cia says yes to "Vill du hjälpa till?"; the next one talks but does not want to help.
  await call(stationA, 'conversation', { [WANTS_TO_HELP_KEY]: 'yes' });
  await call(stationA, 'conversation', { [WANTS_TO_HELP_KEY]: 'no' });
  // Day 2: Bo, who did not answer, again: this time the number is wrong.
  clock.advance(DAY);
  await call(stationA, 'wrong_number');
});

afterAll(async () => {
  await campaign?.close();
});

const local = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(ms);
const national = (i: number) => formatPhoneForDisplay(phoneNumber(i));

async function csvText(path: string, token: string): Promise<string> {
  const response = await api(campaign.url, 'GET', path, token);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3));
}

describe("a list's changes for the association's register", () => {
  it('lists the wrong numbers, do-not-calls and new helpers by their latest call, formulas defused', async () => {
    const text = await csvText(`/api/lists/${listA}/changes.csv`, tokenA);
    expect(text.split('\r\n')).toEqual([
      'external_id,name,phone,phone_national,change,changed_at',
      `K-1,"'=HYPERLINK(""x"")",'${phoneNumber(1)},${national(1)},wrong_number,${local(at[0]!)}`,
      `'+4670123,Åsa Öberg,'${phoneNumber(2)},${national(2)},do_not_call,${local(at[1]!)}`,
      `K-4,Cia Lund,'${phoneNumber(4)},${national(4)},wants_to_help,${local(at[3]!)}`,
      // Bo: no_answer on day 1 is no change; the latest call, day 2's, found the number wrong.
      `,Bo Ek,'${phoneNumber(3)},${national(3)},wrong_number,${local(at[5]!)}`,
      '',
    ]);
    expect(national(1)).toBe('070-100 00 01');
  });

  it('splits into columns in Swedish Excel with ?sep=semicolon, and no field starts a formula', async () => {
    const text = await csvText(`/api/lists/${listA}/changes.csv?sep=semicolon`, tokenA);
    const rows = splitCsv(text, ';');
    expect(rows[0]).toEqual(['external_id', 'name', 'phone', 'phone_national', 'change', 'changed_at']);
    expect(rows.slice(1).map((row) => row[4])).toEqual(['wrong_number', 'do_not_call', 'wants_to_help', 'wrong_number']);
    expect(rows.flat().filter((field) => FORMULA_START.test(field))).toEqual([]);
  });

  it('is a workbook with the same rows, text as typed and times as dates', async () => {
    const response = await api(campaign.url, 'GET', `/api/lists/${listA}/changes.xlsx`, ADMIN_TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="list-${listA}-changes.xlsx"`);
    const rows = await readSheet(Buffer.from(await response.arrayBuffer()));
    expect(rows[0]).toEqual(['external_id', 'name', 'phone', 'phone_national', 'change', 'changed_at']);
    expect(rows[1]).toEqual(['K-1', '=HYPERLINK("x")', phoneNumber(1), national(1), 'wrong_number', new Date(at[0]! + 2 * 60 * MINUTE)]);
    expect(rows).toHaveLength(5);
  });

  it("keeps each association's changes to itself: B is refused A's list, and A's file holds none of B's", async () => {
    expect((await api(campaign.url, 'GET', `/api/lists/${listA}/changes.csv`, tokenB)).status).toBe(404);
    expect((await api(campaign.url, 'GET', `/api/lists/${listA}/changes.xlsx`, tokenB)).status).toBe(404);
    expect(await csvText(`/api/lists/${listA}/changes.csv`, tokenA)).not.toContain(phoneNumber(50));
    expect((await csvText(`/api/lists/${listB}/changes.csv`, tokenB)).split('\r\n')[1]).toMatch(/,do_not_call,/);
  });

  it('audits each export as a count, with no one in it', async () => {
    const before = (await auditEntries(campaign.app)).length;
    await api(campaign.url, 'GET', `/api/lists/${listA}/changes.csv`, tokenA);
    await api(campaign.url, 'GET', `/api/lists/${listA}/changes.csv`, tokenB);
    const entries = (await auditEntries(campaign.app)).slice(before).map(({ at: _at, ...entry }) => entry);
    expect(entries).toEqual([{ actor: `association:${associationA}`, action: 'export', target: `list:${listA}`, detail: { export: 'changes', rows: 4 } }]);
  });
});

import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { FORMULA_TEXTS } from '../../helpers/hostile-payloads.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute } from '../../helpers/store-values.ts';
import { FORMULA_START, splitCsv } from '../../helpers/spreadsheet-split.ts';
import { auditEntries } from '../../helpers/audit-entries.ts';

// Every export as an Excel workbook, read back cell by cell, and as CSV with either separator,
// split as a spreadsheet would: the same rows, and nothing a spreadsheet would run as a formula.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const clock = manualClock(Date.UTC(2026, 8, 1, 10)); // 2026-09-01 12:00 in Europe/Stockholm
/** The wall clock of Stockholm at `ms`, as a workbook's date reads back (its UTC fields). */
const stockholm = (ms: number) => new Date(ms + 2 * 60 * MINUTE);
const PEOPLE = [
  { name: '=HYPERLINK("http://x","y")', externalId: '0012' },
  { name: 'Trevlig;=1+1', externalId: '+4670123' },
  { name: 'Åsa Öberg', externalId: 'K-3' },
];
const NOTES = [FORMULA_TEXTS[0], 'a,=1+1', 'x\t@SUM(A1)'];

let campaign: CampaignServer;
let listId: number;
let associationId: number;
let associationToken: string;
let leaderToken: string;

beforeAll(async () => {
  campaign = await startCampaign({ lists: [{ phones: PEOPLE.map((_, i) => phoneNumber(i + 1)) }], stations: 1, now: clock.now });
  ({ listId, associationId } = campaign.lists[0]!);
  for (const [i, person] of PEOPLE.entries()) {
    await execute(campaign.app.store, sql`UPDATE contacts SET name = ${person.name}, external_id = ${person.externalId} WHERE id = ${campaign.lists[0]!.contactIds[i]!}`);
  }
  associationToken = ((await (await api(campaign.url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, {})).json()) as { token: string }).token;
  leaderToken = ((await (await api(campaign.url, 'POST', '/api/leader-links', ADMIN_TOKEN, { roomId: 1 })).json()) as { token: string }).token;

  const station = await campaign.join(0, { checkin: { name: '@Ada', associationId } });
  for (const [i, note] of NOTES.entries()) {
    const offered = assignmentOf(await station.emitWithAck('contact:next'));
    const outcome: Outcome = i === 0 ? 'conversation' : 'declined';
    const result = await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome, note });
    if (!result.ok) throw new Error(result.error.message);
    clock.advance(MINUTE);
  }
});

afterAll(async () => {
  await campaign?.close();
});

async function workbook(path: string, token: string) {
  const response = await api(campaign.url, 'GET', path, token);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const bytes = Buffer.from(await response.arrayBuffer());
  const sheetXml = strFromU8(unzipSync(new Uint8Array(bytes))['xl/worksheets/sheet1.xml']!);
  return { rows: await readSheet(bytes), sheetXml, disposition: response.headers.get('content-disposition') };
}

async function csv(path: string, token: string, query = '') {
  const response = await api(campaign.url, 'GET', `${path}${query}`, token);
  expect(response.status).toBe(200);
  return new TextDecoder().decode(await response.arrayBuffer()).replace(/^\uFEFF/, '');
}

describe('every export as a workbook', () => {
  it("a list's contacts: text stays text (a leading =, +, zero), numbers are numbers, times are dates on the campaign's clock", async () => {
    const { rows, sheetXml, disposition } = await workbook(`/api/lists/${listId}/export.xlsx`, associationToken);
    expect(disposition).toBe(`attachment; filename="list-${listId}-contacts.xlsx"`);
    expect(rows[0]).toEqual([
      'external_id', 'name', 'phone', 'alt_phone', 'voting_district', 'priority', 'preferred_language', 'status', 'closed_reason',
      'attempts', 'last_outcome', 'last_attempt_at', 'callback_at',
    ]);
    expect(rows.slice(1).map((row) => row.slice(0, 3))).toEqual(PEOPLE.map((person, i) => [person.externalId, person.name, phoneNumber(i + 1)]));
    expect(rows[1]!.slice(5)).toEqual([2, null, 'done', 'conversation', 1, 'conversation', stockholm(Date.UTC(2026, 8, 1, 10)), null]);
    expect(rows[3]!.slice(9, 12)).toEqual([1, 'declined', stockholm(Date.UTC(2026, 8, 1, 10, 2))]);
    // No formula anywhere, the header row frozen, every column sized.
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheetXml.match(/<col [^>]*customWidth="1"/g)).toHaveLength(13);
  });

  it("a list's attempts: the notes as typed, no apostrophe added", async () => {
    const { rows, disposition } = await workbook(`/api/lists/${listId}/attempts.xlsx`, ADMIN_TOKEN);
    expect(disposition).toBe(`attachment; filename="list-${listId}-attempts.xlsx"`);
    expect(rows[0]).toEqual(['time', 'external_id', 'name', 'phone', 'outcome', 'note', 'callback_at', 'station']);
    expect(rows.slice(1)).toEqual(
      NOTES.map((note, i) => [stockholm(Date.UTC(2026, 8, 1, 10, i)), PEOPLE[i]!.externalId, PEOPLE[i]!.name, phoneNumber(i + 1), i === 0 ? 'conversation' : 'declined', note, null, 1]),
    );
  });

  it('the shifts, for the admin: the volunteer as typed, the times as dates, the hours a number', async () => {
    const { rows } = await workbook('/api/shifts.xlsx', ADMIN_TOKEN);
    expect(rows[0]).toEqual(['shift', 'room', 'station', 'volunteer', 'association', 'languages', 'started', 'ended', 'end_reason', 'hours', 'attempts', 'answered', 'conversations']);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(['1', 'Rum 1', 1, '@Ada', expect.any(String), null, stockholm(Date.UTC(2026, 8, 1, 10)), null, 'open', expect.any(Number), 3, 3, 1]);
  });

  it('the campaign totals, for a leader too', async () => {
    const { rows } = await workbook('/api/volunteers.xlsx', leaderToken);
    expect(rows[0]).toEqual(['scope', 'id', 'name', 'volunteers', 'shifts', 'volunteer_hours', 'attempts', 'answered', 'conversations', 'attempts_per_volunteer_hour']);
    expect(rows[1]).toEqual(['campaign', null, null, 1, 1, expect.any(Number), 3, 3, 1, null]);
    expect(rows.find((row) => row[0] === 'association' && row[1] === String(associationId))).toEqual(
      ['association', String(associationId), expect.any(String), 1, 1, expect.any(Number), 3, 3, 1, null],
    );
  });

  it('is refused to whom the CSV is refused, and audited as the CSV is', async () => {
    expect((await api(campaign.url, 'GET', '/api/shifts.xlsx', leaderToken)).status).toBe(403);
    expect((await api(campaign.url, 'GET', `/api/lists/${listId + 1}/export.xlsx`, associationToken)).status).toBe(404);
    const audit = async () => (await auditEntries(campaign.app)).filter((entry) => entry.action === 'export').map(({ at: _at, ...entry }) => entry);
    const before = (await audit()).length;
    await api(campaign.url, 'GET', `/api/lists/${listId}/export.xlsx`, associationToken);
    await api(campaign.url, 'GET', `/api/lists/${listId}/export.csv`, associationToken);
    const [xlsx, csvEntry] = (await audit()).slice(before);
    expect(xlsx).toEqual({ actor: `association:${associationId}`, action: 'export', target: `list:${listId}`, detail: { export: 'contacts', rows: 3 } });
    expect(csvEntry).toEqual(xlsx);
  });
});

describe('every export as CSV', () => {
  const PATHS = [`/api/lists/:list/export`, `/api/lists/:list/attempts`, '/api/shifts', '/api/volunteers'];
  const pathOf = (path: string) => path.replace(':list', String(listId));

  it.each(PATHS)('%s.csv?sep=semicolon holds the workbook\'s rows, split on ;', async (path) => {
    const text = await csv(`${pathOf(path)}.csv`, ADMIN_TOKEN, '?sep=semicolon');
    const { rows } = await workbook(`${pathOf(path)}.xlsx`, ADMIN_TOKEN);
    const fields = splitCsv(text, ';');
    expect(fields[0]).toEqual(rows[0]);
    expect(fields).toHaveLength(rows.length);
    // Same values, in the CSV's words: the defusing quote, times as text, empty cells as ''.
    const asCsv = (cell: unknown) =>
      cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 16).replace('T', ' ') : typeof cell === 'string' ? cell.replace(/(?<=^|[,;\t\r\n"])(?=[=+\-@\t\r])/g, "'") : String(cell);
    const hours = rows[0]!.indexOf('hours');
    for (const [i, row] of rows.slice(1).entries()) {
      expect(fields[i + 1]!.filter((_, c) => c !== hours)).toEqual(row.map(asCsv).filter((_, c) => c !== hours));
    }
  });

  it.each(PATHS)('%s.csv has no field a spreadsheet would run as a formula, split on , ; or tab, with either separator', async (path) => {
    for (const query of ['', '?sep=comma', '?sep=semicolon']) {
      const text = await csv(`${pathOf(path)}.csv`, ADMIN_TOKEN, query);
      for (const splitter of [',', ';', '\t']) {
        expect(splitCsv(text, splitter).flat().filter((field) => FORMULA_START.test(field))).toEqual([]);
      }
    }
  });

  it('refuses a separator it does not know', async () => {
    for (const query of ['?sep=tab', '?sep=', '?sep=SEMICOLON', '?separator=semicolon']) {
      const response = await api(campaign.url, 'GET', `/api/shifts.csv${query}`, ADMIN_TOKEN);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });
});

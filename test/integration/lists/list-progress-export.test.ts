import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { OUTCOME_RULES, type ListProgress, type Outcome } from '@ringstuga/shared';
import { contacts } from '../../../server/src/db/schema.ts';
import { localMinutes } from '../../../server/src/features/exports/campaign-clock.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { auditEntries } from '../../helpers/audit-entries.ts';

// One association's list of six people called over two days (12:00 Stockholm time), and another
// association's list with one call, which must show nowhere in the first one's figures or files.
const DAY = 24 * 60 * MINUTE;
const clock = manualClock(Date.UTC(2026, 8, 1, 10)); // 2026-09-01 12:00 in Europe/Stockholm
const CALLBACK_AT = Date.UTC(2026, 8, 6, 10); // 2026-09-06 12:00 local
let campaign: CampaignServer;
let listA: number;
let listB: number;
let associationA: number;
let tokenA: string;
const calls: { contactId: number; outcome: Outcome; at: number }[] = [];

/** What an import would have filled: names a spreadsheet would run as formulas, and districts; `csv`: as exported. */
const PEOPLE = [
  { name: '=HYPERLINK("x")', externalId: 'K-1', district: '0180-01', altPhone: phoneNumber(91), language: 'sv', csv: `K-1,"'=HYPERLINK(""x"")"` },
  { name: 'Åsa Öberg', externalId: '+4670123', district: '0180-01', altPhone: null, language: null, csv: `'+4670123,Åsa Öberg` },
  { name: '-1+2', externalId: null, district: '0180-02', altPhone: null, language: 'ar', csv: `,'-1+2` },
  { name: '@SUM(A1)', externalId: 'K-4', district: null, altPhone: null, language: null, csv: `K-4,'@SUM(A1)` },
  { name: 'Bo Ek', externalId: 'K-5', district: '0180-02', altPhone: null, language: null, csv: 'K-5,Bo Ek' },
  { name: 'Cia Lund', externalId: 'K-6', district: null, altPhone: null, language: null, csv: 'K-6,Cia Lund' },
];

beforeAll(async () => {
  campaign = await startCampaign({
    lists: [{ phones: PEOPLE.map((_, i) => phoneNumber(i + 1)) }, { phones: [phoneNumber(50)] }],
    stations: 2,
    now: clock.now,
  });
  const [a, b] = campaign.lists;
  [listA, listB, associationA] = [a!.listId, b!.listId, a!.associationId];
  await campaign.app.store.write(async (q) => {
    for (const [i, person] of PEOPLE.entries()) {
      await q.db
        .update(contacts)
        .set({ name: person.name, externalId: person.externalId, votingDistrict: person.district, altPhone: person.altPhone, preferredLanguage: person.language })
        .where(eq(contacts.id, a!.contactIds[i]!));
    }
  });
  const link = await api(campaign.url, 'POST', `/api/associations/${associationA}/access`, ADMIN_TOKEN, {});
  tokenA = ((await link.json()) as { token: string }).token;

  const stationA = await campaign.join(0, { checkin: { name: 'Ada', associationId: associationA } });
  const stationB = await campaign.join(1, { checkin: { name: 'Bo', associationId: b!.associationId } });
  const call = async (outcome: Outcome, extra: { note?: string; callbackAt?: string } = {}) => {
    const offered = assignmentOf(await stationA.emitWithAck('contact:next'));
    const result = await stationA.emitWithAck('call:outcome', { assignmentId: offered.id, outcome, ...extra });
    if (!result.ok) throw new Error(result.error.message);
    calls.push({ contactId: offered.contact.id, outcome, at: clock.now() });
    clock.advance(MINUTE);
  };
  // Day 1: everyone once.
  await call('conversation', { note: 'Positiv, vill bli medlem' });
  await call('no_answer');
  await call('call_back', { note: 'Ring efter middagen', callbackAt: new Date(CALLBACK_AT).toISOString() });
  await call('declined');
  await call('busy');
  await call('wrong_number');
  // Day 2: the two who did not answer, again.
  clock.advance(DAY - 6 * MINUTE);
  await call('no_answer');
  await call('conversation');
  const other = assignmentOf(await stationB.emitWithAck('contact:next'));
  await stationB.emitWithAck('call:outcome', { assignmentId: other.id, outcome: 'conversation', note: 'B:s anteckning' });
  // Read on day 4: day 3 had no calls.
  clock.advance(2 * DAY);
});

afterAll(async () => {
  await campaign?.close();
});

const figuresOf = (rows: { outcome: Outcome }[]) => ({
  attempts: rows.length,
  answered: rows.filter((row) => OUTCOME_RULES[row.outcome].reached).length,
  conversations: rows.filter((row) => OUTCOME_RULES[row.outcome].conversation).length,
});
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const auditRows = () => auditEntries(campaign.app);
/** The file's lines; it must start with a UTF-8 BOM (fetch's text() would drop it unseen) and end with CRLF. */
async function csvLines(response: Response): Promise<string[]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3));
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n');
}

describe("a list's progress", () => {
  let progress: ListProgress;
  beforeAll(async () => {
    const response = await api(campaign.url, 'GET', `/api/lists/${listA}/progress`, tokenA);
    expect(response.status).toBe(200);
    progress = (await response.json()) as ListProgress;
  });

  it('counts the same attempts, answers and conversations as the call rows', async () => {
    const rows = await campaign.app.store.read((q) =>
      q.all<{ outcome: Outcome; contact_id: number }>(sql`SELECT outcome, contact_id FROM calls WHERE list_id = ${listA} ORDER BY id`),
    );
    expect(rows).toHaveLength(8);
    expect(progress.figures).toEqual(figuresOf(rows));
    expect(progress.figures).toEqual(figuresOf(calls));
    expect(progress.contacts).toBe(6);
    expect(progress.personsCalled).toBe(new Set(rows.map((row) => row.contact_id)).size);
    expect(progress.list).toEqual({ id: listA, name: expect.any(String), association: { id: associationA, name: expect.any(String) }, notesEnabled: true });
  });

  it('says why the contacts not yet done wait, one reason each', () => {
    // Done: the conversations, the refusal, the wrong number. The call-back waits for day 6; the
    // one who did not answer twice has cooled down and is offered again.
    expect(progress.breakdown).toEqual({ ready: 1, held: 0, callbackWaiting: 1, coolingDown: 0, waitingForSpeaker: 0, doNotCall: 0, outOfAttempts: 0, notOffered: 0, done: 4 });
  });

  it('counts attempts per local day, with the quiet days in between', () => {
    expect(progress.daily).toEqual([
      { day: '2026-09-01', ...figuresOf(calls.slice(0, 6)) },
      { day: '2026-09-02', ...figuresOf(calls.slice(6)) },
      { day: '2026-09-03', attempts: 0, answered: 0, conversations: 0 },
      { day: '2026-09-04', attempts: 0, answered: 0, conversations: 0 },
    ]);
  });

  it('counts contacts, persons called and attempts per voting district', () => {
    const contactIds = campaign.lists[0]!.contactIds;
    const expected = ['0180-01', '0180-02', ''].map((district) => {
      const ids = contactIds.filter((_, i) => (PEOPLE[i]!.district ?? '') === district);
      const theirs = calls.filter((call) => ids.includes(call.contactId));
      return { district, contacts: ids.length, personsCalled: new Set(theirs.map((call) => call.contactId)).size, ...figuresOf(theirs) };
    });
    expect(progress.districts).toEqual(expected);
    expect(progress.districts.reduce((sum, row) => sum + row.attempts, 0)).toBe(8);
  });

  it("keeps the other association's list to itself", async () => {
    const response = await api(campaign.url, 'GET', `/api/lists/${listB}/progress`, ADMIN_TOKEN);
    const other = (await response.json()) as ListProgress;
    expect(other).toMatchObject({ contacts: 1, personsCalled: 1, figures: { attempts: 1, answered: 1, conversations: 1 } });
    expect(other.districts).toEqual([{ district: '', contacts: 1, personsCalled: 1, attempts: 1, answered: 1, conversations: 1 }]);
  });
});

describe("a list's exports", () => {
  const local = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(ms);

  it('sends one row per contact, every cell a spreadsheet would run as a formula defused', async () => {
    const response = await api(campaign.url, 'GET', `/api/lists/${listA}/export.csv`, tokenA);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="list-${listA}-contacts.csv"`);
    const lines = await csvLines(response);
    expect(lines[0]).toBe(
      'external_id,name,phone,alt_phone,voting_district,priority,preferred_language,status,closed_reason,attempts,last_outcome,last_attempt_at,callback_at',
    );
    expect(lines).toHaveLength(7);
    const ids = campaign.lists[0]!.contactIds;
    const last = (i: number) => calls.filter((call) => call.contactId === ids[i]).at(-1)!;
    const attempts = (i: number) => calls.filter((call) => call.contactId === ids[i]).length;
    const state = (i: number) => {
      const call = last(i);
      if (call.outcome === 'call_back') return `ready,,${attempts(i)},call_back,${local(call.at)},${local(CALLBACK_AT)}`;
      const reason = OUTCOME_RULES[call.outcome].effect === 'retry' ? 'ready,' : `done,${call.outcome}`;
      return `${reason},${attempts(i)},${call.outcome},${local(call.at)},`;
    };
    // The leading +, -, = and @ (the phone numbers' + too) get a quote; quotes inside are doubled.
    expect(lines.slice(1)).toEqual([
      `${PEOPLE[0]!.csv},'${phoneNumber(1)},'${phoneNumber(91)},0180-01,2,sv,${state(0)}`,
      `${PEOPLE[1]!.csv},'${phoneNumber(2)},,0180-01,2,,${state(1)}`,
      `${PEOPLE[2]!.csv},'${phoneNumber(3)},,0180-02,2,ar,${state(2)}`,
      `${PEOPLE[3]!.csv},'${phoneNumber(4)},,,2,,${state(3)}`,
      `${PEOPLE[4]!.csv},'${phoneNumber(5)},,0180-02,2,,${state(4)}`,
      `${PEOPLE[5]!.csv},'${phoneNumber(6)},,,2,,${state(5)}`,
    ]);
    expect(lines.join('\n')).toContain(`call_back,2026-09-01 12:02,2026-09-06 12:00`);
  });

  it("sends every attempt of the list and none of another's, with notes while the list keeps them", async () => {
    const response = await api(campaign.url, 'GET', `/api/lists/${listA}/attempts.csv`, ADMIN_TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="list-${listA}-attempts.csv"`);
    const lines = await csvLines(response);
    expect(lines[0]).toBe('time,external_id,name,phone,outcome,note,callback_at,station');
    expect(lines).toHaveLength(9);
    // The phone's leading + is defused like any other: the cell stays text, and its + and digits stay.
    const who = (call: (typeof calls)[number]) => {
      const i = campaign.lists[0]!.contactIds.indexOf(call.contactId);
      return `${PEOPLE[i]!.csv},'${phoneNumber(i + 1)}`;
    };
    expect(lines[1]).toBe(`2026-09-01 12:00,${who(calls[0]!)},conversation,"Positiv, vill bli medlem",,1`);
    expect(lines[3]).toBe(`2026-09-01 12:02,${who(calls[2]!)},call_back,Ring efter middagen,2026-09-06 12:00,1`);
    expect(lines.slice(1)).toEqual(
      calls.map((call) => expect.stringMatching(new RegExp(`^${local(call.at)},${escape(who(call))},${call.outcome},.*,1$`)) as unknown as string),
    );
    expect(lines.join('\n')).not.toContain('B:s anteckning');

    const lists = campaign.app.lists;
    await campaign.app.store.write((q) => lists.updateSettings(q, listA, { notesEnabled: false }));
    const without = await csvLines(await api(campaign.url, 'GET', `/api/lists/${listA}/attempts.csv`, ADMIN_TOKEN));
    await campaign.app.store.write((q) => lists.updateSettings(q, listA, { notesEnabled: true }));
    expect(without).toHaveLength(9);
    expect(without.join('\n')).not.toMatch(/Positiv|middagen/);
    expect(without[3]).toMatch(/,call_back,,2026-09-06 12:00,1$/);
  });
});

describe('local times in the exports', () => {
  it('agree with luxon minute by minute across both daylight-saving changes', () => {
    const local = localMinutes('Europe/Stockholm');
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let ms = change - 90 * MINUTE; ms <= change + 90 * MINUTE; ms += MINUTE + 7_000) {
        expect(local(ms)).toBe(DateTime.fromMillis(ms, { zone: 'Europe/Stockholm' }).toFormat('yyyy-MM-dd HH:mm'));
      }
    }
    expect(local(Date.UTC(2026, 9, 25, 0, 30))).toBe('2026-10-25 02:30');
    expect(local(Date.UTC(2026, 9, 25, 1, 30))).toBe('2026-10-25 02:30');
    expect(local(null)).toBeNull();
  });
});

describe('the audit log', () => {
  it('records each view and export, who and what, with no personal data', async () => {
    await campaign.app.store.write((q) => q.run(sql`DELETE FROM audit_log`));
    await api(campaign.url, 'GET', `/api/lists/${listA}/progress`, tokenA);
    await api(campaign.url, 'GET', `/api/lists/${listA}/export.csv`, tokenA);
    await api(campaign.url, 'GET', `/api/lists/${listA}/attempts.csv`, ADMIN_TOKEN);
    // Refused requests read nothing and log nothing.
    await api(campaign.url, 'GET', `/api/lists/${listB}/export.csv`, tokenA);
    const at = clock.now();
    expect(await auditRows()).toEqual([
      { at, actor: `association:${associationA}`, action: 'view', target: `list:${listA}`, detail: { view: 'progress' } },
      { at, actor: `association:${associationA}`, action: 'export', target: `list:${listA}`, detail: { export: 'contacts', rows: 6 } },
      { at, actor: 'admin', action: 'export', target: `list:${listA}`, detail: { export: 'attempts', rows: 8 } },
    ]);
    expect(JSON.stringify(await auditRows())).not.toMatch(/\+46|HYPERLINK|Öberg|Positiv|0180-/);
  });
});

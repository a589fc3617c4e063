import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListProgress } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { utf8File } from '../../factories/import-files.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { createAssociationLink } from '../../helpers/admin-setup.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// What one association learns of another's contacts through its own list: nothing but a neutral
// "not offered" (issue 12, point 5). A shares numbers with B; B imports, exports, reads its progress.

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const national = (i: number) => `0${phoneNumber(i).slice(3)}`;

async function importInto(listId: number, token: string, phones: number[], query = '') {
  const body = utf8File(['namn;telefon', ...phones.map((i) => `Person ${i};${national(i)}`)]);
  const response = await fetch(`${campaign!.url}/api/lists/${listId}/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { imported: number; notOffered: number; rejected: { row: number; reason: string }[] };
}

/** B's export as phone → [status, closed_reason]. */
async function exported(listId: number, token: string): Promise<Map<string, [string, string]>> {
  const response = await api(campaign!.url, 'GET', `/api/lists/${listId}/export.csv`, token);
  const [header, ...rows] = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
  const [phone, status, reason] = ['phone', 'status', 'closed_reason'].map((name) => header!.indexOf(name)) as [number, number, number];
  return new Map(rows.map((cells) => [cells[phone]!.replace(/^'/, ''), [cells[status]!, cells[reason]!]]));
}

async function setUp() {
  const clock = manualClock();
  campaign = await startCampaign({ lists: [{ phones: [1, 2, 3, 4].map(phoneNumber) }, { phones: [] }], stations: 2, now: clock.now });
  const [a, b] = campaign.lists;
  const tokenB = (await createAssociationLink(campaign.url, b!.associationId)).token;
  return { clock, a: a!, b: b!, tokenB };
}

describe("one association's list tells it nothing of another's contacts", () => {
  it('an imported number reached, closed or held through another list shows only as "not offered", before and after hand-out', async () => {
    const { a, b, tokenB } = await setUp();
    const ada = await campaign!.join(0, { checkin: { name: 'Ada', associationId: a.associationId } });
    // A reaches number 1, finds number 2 wrong, and holds number 3 while B imports all four and a fifth.
    for (const outcome of ['conversation', 'wrong_number'] as const) {
      const offered = assignmentOf(await ada.emitWithAck('contact:next'));
      await ada.emitWithAck('call:outcome', { assignmentId: offered.id, outcome });
    }
    const held = assignmentOf(await ada.emitWithAck('contact:next'));
    expect(held.contact.phone).toBe(phoneNumber(3));

    expect(await importInto(b.listId, tokenB, [1, 2, 3, 4, 5])).toMatchObject({ imported: 5, notOffered: 0, rejected: [] });
    const afterImport = await exported(b.listId, tokenB);
    // Right after the import, the numbers known elsewhere look like any other new contact.
    expect([1, 2, 3, 4, 5].map((i) => afterImport.get(phoneNumber(i)))).toEqual(Array(5).fill(['ready', '']));

    // B's volunteer calls: the allocator closes what was settled elsewhere, and B sees only "not offered".
    const bo = await campaign!.join(1, { checkin: { name: 'Bo', associationId: b.associationId } });
    const offered = assignmentOf(await bo.emitWithAck('contact:next'));
    expect(offered.contact.phone).toBe(phoneNumber(4));
    const afterCalls = await exported(b.listId, tokenB);
    expect(afterCalls.get(phoneNumber(1))).toEqual(['not_offered', '']);
    expect(afterCalls.get(phoneNumber(2))).toEqual(['not_offered', '']);
    expect(afterCalls.get(phoneNumber(3))).toEqual(['not_offered', '']); // held by A's station
    expect(afterCalls.get(phoneNumber(4))).toEqual(['held', '']);
    const csv = await (await api(campaign!.url, 'GET', `/api/lists/${b.listId}/export.csv`, tokenB)).text();
    expect(csv).not.toMatch(/reached_elsewhere|wrong_number|do_not_call/);

    const progress = (await (await api(campaign!.url, 'GET', `/api/lists/${b.listId}/progress`, tokenB)).json()) as ListProgress;
    expect(progress.breakdown).toEqual({
      ready: 1, held: 1, callbackWaiting: 0, coolingDown: 0, waitingForSpeaker: 0, doNotCall: 0, outOfAttempts: 0, notOffered: 3, done: 0,
    });
  });

  it("a number cooling down on another list is not offered yet, and says so only as \"not offered\"", async () => {
    const { clock, a, b, tokenB } = await setUp();
    const ada = await campaign!.join(0, { checkin: { name: 'Ada', associationId: a.associationId } });
    const first = assignmentOf(await ada.emitWithAck('contact:next'));
    await ada.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer' });
    await importInto(b.listId, tokenB, [1]);
    const bo = await campaign!.join(1, { checkin: { name: 'Bo', associationId: b.associationId } });
    expect(await bo.emitWithAck('contact:next')).toMatchObject({ ok: true, assignment: null, reason: 'cooling_down' });
    const progress = (await (await api(campaign!.url, 'GET', `/api/lists/${b.listId}/progress`, tokenB)).json()) as ListProgress;
    expect(progress.breakdown).toMatchObject({ ready: 0, coolingDown: 0, notOffered: 1 });
    clock.advance(121 * MINUTE);
    expect(assignmentOf(await bo.emitWithAck('contact:next')).contact.phone).toBe(phoneNumber(1));
  });

  it('a dry run and an import report register hits as a count, never by row, and a dry run is audited', async () => {
    const { b, tokenB } = await setUp();
    await api(campaign!.url, 'POST', '/api/do-not-call', ADMIN_TOKEN, { phones: [phoneNumber(7)] });
    const dry = await importInto(b.listId, tokenB, [6, 7, 8], '?dryRun=true');
    expect(dry).toMatchObject({ imported: 2, notOffered: 1, rejected: [] });
    expect(JSON.stringify(dry)).not.toContain('do_not_call');
    const real = await importInto(b.listId, tokenB, [6, 7, 8]);
    expect(real).toMatchObject({ imported: 2, notOffered: 1, rejected: [] });

    const { entries } = (await (await api(campaign!.url, 'GET', '/api/audit', ADMIN_TOKEN)).json()) as {
      entries: { actor: string; action: string; target: string; detail: Record<string, unknown> }[];
    };
    const imports = entries.filter((entry) => entry.action === 'import').reverse();
    expect(imports).toEqual([
      expect.objectContaining({ actor: `association:${b.associationId}`, target: `list:${b.listId}`, detail: { rows: 3, imported: 2, updated: 0, notOffered: 1, rejected: 0, dryRun: true } }),
      expect.objectContaining({ actor: `association:${b.associationId}`, target: `list:${b.listId}`, detail: { rows: 3, imported: 2, updated: 0, notOffered: 1, rejected: 0 } }),
    ]);
  });
});

describe('allocator invariant 8: the rules across lists hold at hand-out, for contacts imported later', () => {
  it('never offers a number reached through one list to any of several stations calling lists imported afterwards', async () => {
    const { a, b, tokenB } = await setUp();
    const ada = await campaign!.join(0, { checkin: { name: 'Ada', associationId: a.associationId } });
    for (let i = 0; i < 4; i += 1) {
      const offered = assignmentOf(await ada.emitWithAck('contact:next'));
      await ada.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });
    }
    await importInto(b.listId, tokenB, [1, 2, 3, 4, 9]);
    const bo = await campaign!.join(1, { checkin: { name: 'Bo', associationId: b.associationId } });
    await ada.emitWithAck('station:checkout');
    await ada.emitWithAck('station:checkin', { name: 'Ada', associationId: b.associationId });
    // Both stations ask at once, again and again: only number 9 is ever offered.
    const answers = await Promise.all([ada, bo, ada, bo].map((station) => station.emitWithAck('contact:next')));
    const offered = new Set(answers.flatMap((answer) => (answer.ok && answer.assignment ? [answer.assignment.contact.phone] : [])));
    expect([...offered]).toEqual([phoneNumber(9)]);
    const statuses = await campaign!.app.store.read((q) =>
      q.all(sql`SELECT phone, status, closed_reason FROM contacts WHERE list_id = ${b.listId} AND phone <> ${phoneNumber(9)} ORDER BY phone`),
    );
    expect(statuses).toEqual([1, 2, 3, 4].map((i) => ({ phone: phoneNumber(i), status: 'done', closed_reason: 'reached_elsewhere' })));
  });
});

import { zImportResult, type ImportResult } from '@ringstuga/shared';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { expectConsistent } from '../../helpers/database-checks.ts';
import { postCsv } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// A re-import matched by member number may carry a new phone number for a contact who is being
// called at that moment. The lease holds the old number; a new one would be held by no lease.
let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const [OLD, NEW] = [phoneNumber(1), phoneNumber(2)];

async function importRows(listId: number, rows: string): Promise<ImportResult> {
  const response = await postCsv(campaign!.url, `/api/lists/${listId}/import`, ADMIN_TOKEN, `Namn;Telefon;Medlemsnummer\r\n${rows}\r\n`);
  expect(response.status).toBe(200);
  return zImportResult.parse(await response.json());
}

const phones = () => campaign!.app.store.read((q) => q.all<{ phone: string; status: string }>(sql`SELECT phone, status FROM contacts ORDER BY id`));

describe('a re-import that changes the number of a contact under call', () => {
  for (const end of ['skip', 'checkout', 'outcome'] as const) {
    it(`keeps the number the call holds until the call ends (${end}), and the next import changes it`, async () => {
      campaign = await startCampaign({ lists: [{ phones: [] }], stations: 1 });
      const { listId } = campaign.lists[0]!;
      await importRows(listId, `Ada;${OLD};1`);
      const station = await campaign.join(0);
      const lease = assignmentOf(await station.emitWithAck('contact:next'));
      // The association is told: the rest of the row is written, the number waits for the call.
      expect(await importRows(listId, `Ada Ny;${NEW};1`)).toMatchObject({
        updated: 1,
        adjusted: [{ row: 2, reason: 'number_kept_during_call', value: NEW }],
        adjustedCount: 1,
        adjustedByReason: { number_kept_during_call: 1 },
      });
      expect(await phones()).toEqual([{ phone: OLD, status: 'held' }]);
      await expectConsistent(campaign.app.store);

      if (end === 'skip') expect(await station.emitWithAck('contact:skip', { assignmentId: lease.id })).toEqual({ ok: true });
      if (end === 'checkout') expect(await station.emitWithAck('station:checkout')).toMatchObject({ ok: true });
      if (end === 'outcome') expect(await station.emitWithAck('call:outcome', { assignmentId: lease.id, outcome: 'no_answer' })).toEqual({ ok: true });
      expect(await phones()).toEqual([{ phone: OLD, status: 'ready' }]);
      expect(await importRows(listId, `Ada Ny;${NEW};1`)).toMatchObject({ updated: 1, adjusted: [], adjustedCount: 0 });
      expect(await phones()).toEqual([{ phone: NEW, status: 'ready' }]);
      await expectConsistent(campaign.app.store);
    });
  }

  it("never hands another station the new number's contact on another list while the first still calls", async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }, { phones: [] }], stations: 2 });
    const [mine, other] = [campaign.lists[0]!, campaign.lists[1]!];
    await importRows(mine.listId, `Ada;${OLD};1`);
    await importRows(other.listId, `Bo;${NEW};7`);
    const [first, second] = [await campaign.join(0), await campaign.join(1)];
    expect(assignmentOf(await first.emitWithAck('contact:next')).contact.phone).toBe(OLD);
    await importRows(mine.listId, `Ada;${NEW};1`);
    // Bo is free to call (his number is not under call); Ada's call still holds her old number.
    expect(assignmentOf(await second.emitWithAck('contact:next')).contact.phone).toBe(NEW);
    expect(assignmentOf(await first.emitWithAck('contact:next')).contact.phone).toBe(OLD);
    await expectConsistent(campaign.app.store);
  });

  it("keeps the language a re-import gave the contact during the call, and with it who may call the person", async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 2 });
    const { listId } = campaign.lists[0]!;
    const withLanguage = (language: string) => `Namn;Telefon;Medlemsnummer;Språk\r\nAda;${OLD};1;${language}\r\n`;
    expect((await postCsv(campaign.url, `/api/lists/${listId}/import`, ADMIN_TOKEN, withLanguage('ar'))).status).toBe(200);
    const speaker = await campaign.join(0, { checkin: { name: 'Samir', associationId: null, languages: ['sv', 'ar'] } });
    const first = assignmentOf(await speaker.emitWithAck('contact:next'));
    expect(await speaker.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'language_barrier' })).toEqual({ ok: true });
    // Waiting for an Arabic speaker; the association learns the person speaks Somali, while Samir calls again.
    const second = assignmentOf(await speaker.emitWithAck('contact:next'));
    expect((await postCsv(campaign.url, `/api/lists/${listId}/import`, ADMIN_TOKEN, withLanguage('so'))).status).toBe(200);
    expect(await speaker.emitWithAck('call:outcome', { assignmentId: second.id, outcome: 'no_answer' })).toEqual({ ok: true });

    const contact = () => campaign!.app.store.read((q) => q.get<{ preferred_language: string; needs_speaker: number }>(sql`SELECT preferred_language, needs_speaker FROM contacts`));
    expect(await contact()).toEqual({ preferred_language: 'so', needs_speaker: 0 });
    await expectConsistent(campaign.app.store);
  });
});

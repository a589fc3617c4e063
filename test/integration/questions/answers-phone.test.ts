import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { storeQuestions, HELP, VOTE } from '../../factories/questions.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { connectPhone, nextContact, pairingToken } from '../../helpers/phone-client.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

describe('answers from the paired phone', () => {
  it('shows the questions on the phone and records the answers it sends with the outcome, checked as the station’s', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    await storeQuestions(campaign.app, { listId: campaign.lists[0]!.listId }, [VOTE, HELP]);
    const station = await campaign.join(0);
    const paired = await station.emitWithAck('pair:create');
    if (!paired.ok) throw new Error(paired.error.message);
    const { phone } = await connectPhone(campaign.url, pairingToken(paired.url));
    const shown = nextContact(phone, (contact) => contact !== null);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    expect((await shown)?.questions.map((q) => q.key)).toEqual(['vote', 'help']);

    const refused = await phone.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers: { vote: 'maybe' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    await expect(phone.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers: { vote: 'us', help: 'yes' } })).resolves.toEqual({ ok: true });
    expect(await campaign.app.store.read((q) => q.all(sql`SELECT question_key, value FROM call_answers ORDER BY question_key`))).toEqual([
      { question_key: 'help', value: 'yes' },
      { question_key: 'vote', value: 'us' },
    ]);
    expect(Number(await campaign.app.store.read((q) => q.value(sql`SELECT COUNT(*) FROM new_helpers`)))).toBe(1);
    phone.close();
  });
});

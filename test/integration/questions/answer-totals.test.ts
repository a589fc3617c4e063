import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { zAnswerTotals } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { CARE, storeQuestions, VOTE } from '../../factories/questions.ts';
import { createAssociationLink, createLink } from '../../helpers/admin-setup.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute } from '../../helpers/store-values.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

describe('answer totals of a list', () => {
  it('counts live and archived answers per question and value, per municipality and district, retired questions included', async () => {
    const phones = [1, 2, 3, 4].map(phoneNumber);
    campaign = await startCampaign({ lists: [{ phones, municipalityCode: '0180', municipalityName: 'Stockholm' }, { phones: [phoneNumber(9)] }], stations: 1 });
    const { app } = campaign;
    const { listId, associationId } = campaign.lists[0]!;
    await storeQuestions(app, { campaignId: 1 }, [VOTE]);
    await storeQuestions(app, { listId }, [CARE]);
    await execute(app.store, sql`UPDATE contacts SET voting_district = CASE WHEN phone IN (${phones[0]}, ${phones[1]}) THEN '01800001' ELSE NULL END`);
    // List 2 is paused: its answers are not list 1's.
    await execute(app.store, sql`UPDATE call_lists SET active = 0 WHERE id = ${campaign.lists[1]!.listId}`);
    const station = await campaign.join(0);
    // Two in district 01800001 vote us (one cares 5), one without a district votes other (cares 2), one answers nothing.
    const answers = new Map<string, Record<string, string>>([
      [phones[0]!, { vote: 'us', care: '5' }],
      [phones[1]!, { vote: 'us' }],
      [phones[2]!, { vote: 'other', care: '2' }],
      [phones[3]!, {}],
    ]);
    for (let i = 0; i < phones.length; i += 1) {
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      const ack = await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers: answers.get(held.contact.phone)! });
      expect(ack).toEqual({ ok: true });
    }
    // An erased person's answer stays counted (archived), and the scale question is retired since.
    await execute(app.store, sql`INSERT INTO answer_archive (list_id, question_key, value, district, count) VALUES (${listId}, 'vote', 'unsure', '', 2)`);
    const token = (await createAssociationLink(campaign.url, associationId)).token;
    expect((await api(campaign.url, 'PUT', `/api/lists/${listId}/questions`, token, { questions: [] })).status).toBe(200);

    const totals = await bodyOf(await api(campaign.url, 'GET', `/api/lists/${listId}/answers`, token), 200, zAnswerTotals);
    const byKey = Object.fromEntries(totals.questions.map((q) => [q.key, q]));
    expect(totals.questions.map((q) => [q.key, q.fromCampaign, q.retired])).toEqual([
      ['vote', true, false],
      ['care', false, true],
    ]);
    expect(byKey.vote).toMatchObject({
      answered: 5,
      values: { us: 2, other: 1, unsure: 2 },
      byMunicipality: [{ code: '0180', name: 'Stockholm', values: { us: 2, other: 1, unsure: 2 } }],
      byDistrict: [
        { district: '', values: { other: 1, unsure: 2 } },
        { district: '01800001', values: { us: 2 } },
      ],
    });
    expect(byKey.care).toMatchObject({ answered: 2, values: { '5': 1, '2': 1 } });
  });

  it('shows the totals to the list’s association and the admin only', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(2)] }], stations: 1 });
    const [a, b] = campaign.lists;
    const other = (await createAssociationLink(campaign.url, b!.associationId)).token;
    const leader = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;
    const path = `/api/lists/${a!.listId}/answers`;
    expect((await api(campaign.url, 'GET', path, ADMIN_TOKEN)).status).toBe(200);
    expect((await api(campaign.url, 'GET', path, other)).status).toBe(404);
    expect((await api(campaign.url, 'GET', path, leader)).status).toBe(403);
  });
});

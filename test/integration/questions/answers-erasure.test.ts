import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { PURGE_CONFIRMATION } from '../../../server/src/features/privacy/erasure.routes.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { storeQuestions, HELP, VOTE } from '../../factories/questions.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { tracesInStore } from '../../helpers/trace-scan.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

// Text written here only (constants and ids), so it is run as it stands.
const all = (text: string) => campaign!.app.store.read((q) => q.all(sql.raw(text)));
const archived = () => all('SELECT list_id, question_key, value, district, count FROM answer_archive ORDER BY list_id, question_key, value, district');

/**
 * Two lists asking the campaign's vote question and whether the person will help; every contact
 * reached, says "us" (the first also "other" on the second list) and yes to helping.
 */
async function answered() {
  const person = phoneNumber(1);
  campaign = await startCampaign({ lists: [{ phones: [person, phoneNumber(2)] }, { phones: [phoneNumber(3)] }], stations: 1 });
  const listB = campaign.lists[1]!.listId;
  // On the second list the person is there by their other number (erasure finds both).
  await campaign.app.store.write(async (q) => {
    await q.run(sql`UPDATE contacts SET voting_district = '01800001'`);
    await q.run(sql`UPDATE contacts SET alt_phone = ${person} WHERE list_id = ${listB}`);
  });
  await storeQuestions(campaign.app, { campaignId: 1 }, [VOTE]);
  for (const { listId } of campaign.lists) await storeQuestions(campaign.app, { listId }, [HELP]);
  const station = await campaign.join(0);
  for (let i = 0; i < 3; i += 1) {
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const vote = held.contact.list.id === campaign.lists[1]!.listId ? 'other' : 'us';
    const ack = await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers: { vote, help: 'yes' } });
    expect(ack).toEqual({ ok: true });
  }
  expect(await all('SELECT COUNT(*) AS n FROM call_answers')).toEqual([{ n: 6 }]);
  expect(await all('SELECT COUNT(*) AS n FROM new_helpers')).toEqual([{ n: 3 }]);
  return { server: campaign, person, listA: campaign.lists[0]!.listId, listB: campaign.lists[1]!.listId };
}

describe('answers go with the person, their counts stay', () => {
  it('erasing a person deletes their answers and their new-helper rows on every list, keeping the counts per district', async () => {
    const { server, person, listA, listB } = await answered();
    const erased = await api(server.url, 'DELETE', `/api/people/${encodeURIComponent(person)}`, ADMIN_TOKEN);
    expect(erased.status).toBe(200);
    // Their number was in new_helpers (as the first list's contact's, and the second's other number).
    expect(await tracesInStore(server.app.store, [person])).toEqual([]);
    // The other person's answers (list A, "us", yes) are still live; the erased person's are counts.
    expect(await all('SELECT question_key, value FROM call_answers ORDER BY question_key')).toEqual([
      { question_key: 'help', value: 'yes' },
      { question_key: 'vote', value: 'us' },
    ]);
    expect(await all('SELECT phone FROM new_helpers')).toEqual([{ phone: phoneNumber(2) }]);
    expect(await all(`SELECT COUNT(*) AS n FROM new_helpers WHERE list_id = ${listB}`)).toEqual([{ n: 0 }]);
    expect(await archived()).toEqual([
      { list_id: listA, question_key: 'help', value: 'yes', district: '01800001', count: 1 },
      { list_id: listA, question_key: 'vote', value: 'us', district: '01800001', count: 1 },
      { list_id: listB, question_key: 'help', value: 'yes', district: '01800001', count: 1 },
      { list_id: listB, question_key: 'vote', value: 'other', district: '01800001', count: 1 },
    ]);
  });

  it("deleting a list deletes its answers and new helpers, counting the answers into the archive", async () => {
    const { server, listA } = await answered();
    expect((await api(server.url, 'DELETE', `/api/lists/${listA}`, ADMIN_TOKEN)).status).toBe(204);
    expect(await all(`SELECT COUNT(*) AS n FROM call_answers a JOIN calls c ON c.id = a.call_id WHERE c.list_id = ${listA}`)).toEqual([{ n: 0 }]);
    expect(await all(`SELECT COUNT(*) AS n FROM new_helpers WHERE list_id = ${listA}`)).toEqual([{ n: 0 }]);
    expect(await all(`SELECT COUNT(*) AS n FROM new_helpers`)).toEqual([{ n: 1 }]);
    expect(await all(`SELECT question_key, value, count FROM answer_archive WHERE list_id = ${listA} ORDER BY question_key, value`)).toEqual([
      { question_key: 'help', value: 'yes', count: 2 },
      { question_key: 'vote', value: 'us', count: 2 },
    ]);
  });

  it('the purge deletes every answer and every new helper, keeping the counts', async () => {
    const { server } = await answered();
    const purged = await api(server.url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: PURGE_CONFIRMATION });
    expect(purged.status).toBe(200);
    expect(await all('SELECT COUNT(*) AS n FROM call_answers')).toEqual([{ n: 0 }]);
    expect(await all('SELECT COUNT(*) AS n FROM new_helpers')).toEqual([{ n: 0 }]);
    expect(await all('SELECT question_key, value, SUM(count) AS n FROM answer_archive GROUP BY 1, 2 ORDER BY 1, 2')).toEqual([
      { question_key: 'help', value: 'yes', n: 3 },
      { question_key: 'vote', value: 'other', n: 1 },
      { question_key: 'vote', value: 'us', n: 2 },
    ]);
  });

  it('keeps a "district" that is really an address as no district in the archive, never the text', async () => {
    const { server, person } = await answered();
    await server.app.store.write((q) => q.run(sql`UPDATE contacts SET voting_district = 'Storgatan 5, 2 tr'`));
    expect((await api(server.url, 'DELETE', `/api/people/${encodeURIComponent(person)}`, ADMIN_TOKEN)).status).toBe(200);
    expect(await all(`SELECT DISTINCT district FROM answer_archive`)).toEqual([{ district: '' }]);
  });
});

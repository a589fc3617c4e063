import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { CARE, storeQuestions, VOTE } from '../../factories/questions.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute } from '../../helpers/store-values.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

/** The CSV as rows of cells (these files hold no quoted cells), without the byte-order mark. */
async function csvRows(path: string): Promise<string[][]> {
  const response = await api(campaign!.url, 'GET', path, ADMIN_TOKEN);
  expect(response.status).toBe(200);
  return (await response.text())
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

/** Each row as header → cell, for the given headers. */
const pick = (rows: string[][], headers: string[]) =>
  rows.slice(1).map((row) => Object.fromEntries(headers.map((header) => [header, row[rows[0]!.indexOf(header)]])));

describe('answers in the list exports', () => {
  it("puts one column per question in both exports: the person's latest answer to each, and each attempt's own", async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    const { app } = campaign;
    const { listId } = campaign.lists[0]!;
    await storeQuestions(app, { campaignId: 1 }, [VOTE]);
    await storeQuestions(app, { listId }, [CARE]);
    const station = await campaign.join(0);
    const report = async (answers: Record<string, string>) => {
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers })).resolves.toEqual({ ok: true });
      return held.contact.phone;
    };
    const first = await report({ vote: 'unsure', care: '3' });
    const second = await report({ vote: 'other' });
    // The first person is called again (reopened), changes their mind on the vote and is not asked the other.
    await execute(app.store, sql`UPDATE contacts SET status = 'ready', next_call_at = 0 WHERE phone = ${first}`);
    expect(await report({ vote: 'us' })).toBe(first);

    const contacts = await csvRows(`/api/lists/${listId}/export.csv`);
    expect(contacts[0]!.slice(-2)).toEqual(['answer_vote', 'answer_care']);
    expect(pick(contacts, ['phone', 'answer_vote', 'answer_care'])).toEqual([
      // Each question's latest answer: the vote from the second call, the scale still from the first.
      { phone: `'${first}`, answer_vote: 'us', answer_care: '3' },
      { phone: `'${second}`, answer_vote: 'other', answer_care: '' },
    ]);
    const attempts = await csvRows(`/api/lists/${listId}/attempts.csv`);
    expect(pick(attempts, ['phone', 'answer_vote', 'answer_care'])).toEqual([
      { phone: `'${first}`, answer_vote: 'unsure', answer_care: '3' },
      { phone: `'${second}`, answer_vote: 'other', answer_care: '' },
      { phone: `'${first}`, answer_vote: 'us', answer_care: '' },
    ]);
  });
});

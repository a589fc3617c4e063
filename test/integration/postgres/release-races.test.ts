import type pg from 'pg';
import { expect, it } from 'vitest';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { postCsv } from '../../helpers/http.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { doubleHeld, NONE_HELD_TWICE } from '../../helpers/postgres/cluster-checks.ts';
import { lockWaiters, raceCampaigns } from '../../helpers/postgres/race-campaign.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// What releases a held number (a check-out, a skip, an erasure) racing a claim of the same number.
// Each ends with allocator invariant 2 read straight from the database: no number held twice, no
// contact held without an active lease on its number, no active lease on a contact not held.
const NUMBER = '+46701234501';

const race = raceCampaigns();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Every lease ended and every contact ready again, for the next round. */
const reset = async (client: pg.Client) => {
  await client.query("UPDATE assignments SET status = 'expired' WHERE status = 'active'");
  await client.query("UPDATE contacts SET status = 'ready', next_call_at = 0");
};

describeWithPostgres('releasing a number while a claim takes it', () => {
  it("a check-out of a lapsed lease, while another station's claim expires and re-leases its number, leaves the new lease's contact held", async () => {
    const { campaign, client } = await race([{ phones: [NUMBER] }], 2);
    const [first, second] = [await campaign.join(0), await campaign.join(1)];
    const lease = assignmentOf(await first.emitWithAck('contact:next'));
    await client.query('UPDATE assignments SET expires_at = 1 WHERE id = $1', [lease.id]);
    // Both wait for the contact's row: the claim (after expiring the lapsed lease) and the check-out.
    await client.query('BEGIN');
    await client.query('SELECT id FROM contacts WHERE phone = $1 FOR UPDATE', [NUMBER]);
    const claimed = second.emitWithAck('contact:next');
    await lockWaiters(client, 1);
    const checkedOut = first.emitWithAck('station:checkout');
    await lockWaiters(client, 2);
    await client.query('COMMIT');
    expect(assignmentOf(await claimed).contact.phone).toBe(NUMBER);
    expect(await checkedOut).toMatchObject({ ok: true });
    expect(await doubleHeld(client)).toEqual(NONE_HELD_TWICE);
  });

  it("a check-out racing its own station's claim, 400 times at staggered moments, never leaves a number held without a lease", async () => {
    const { campaign, client } = await race([{ phones: [NUMBER] }], 1);
    const station = await campaign.join(0, { checkin: false });
    for (let round = 0; round < 400; round += 1) {
      await station.emitWithAck('station:checkin', { name: 'Testare', associationId: null });
      await Promise.all([station.emitWithAck('contact:next'), sleep((round % 20) / 10).then(() => station.emitWithAck('station:checkout'))]);
      expect(await doubleHeld(client), `round ${round}`).toEqual(NONE_HELD_TWICE);
      await reset(client);
    }
  });

  it("a skip racing another station's claim of a contact added to the skipped number meanwhile, 400 times, never leaves it held", async () => {
    const { campaign, client } = await race([{ phones: [NUMBER] }, { phones: [] }], 2);
    const [first, second] = [await campaign.join(0), await campaign.join(1)];
    const other = campaign.lists[1]!.listId;
    expect((await postCsv(campaign.url, `/api/lists/${other}/import`, ADMIN_TOKEN, `Namn;Telefon\r\nBo;${NUMBER}\r\n`)).status).toBe(200);
    for (let round = 0; round < 400; round += 1) {
      await reset(client);
      const lease = assignmentOf(await first.emitWithAck('contact:next'));
      // As an import leaves a contact added to a held number: 'ready'.
      await client.query("UPDATE contacts SET status = 'ready' WHERE list_id = $1", [other]);
      const skipping = sleep((round % 20) * 0.15).then(() => first.emitWithAck('contact:skip', { assignmentId: lease.id }));
      await Promise.all([second.emitWithAck('contact:next'), skipping]);
      expect(await doubleHeld(client), `round ${round}`).toEqual(NONE_HELD_TWICE);
    }
  });

  it("deleting a list while a claim leases one of its contacts releases that number's contacts on other lists", async () => {
    const { campaign, client } = await race([{ phones: [NUMBER] }, { phones: [NUMBER] }], 1);
    const station = await campaign.join(0);
    // The deletion waits at its calls' delete, well after its read of the list's leases.
    await client.query('BEGIN');
    await client.query('LOCK TABLE calls IN EXCLUSIVE MODE');
    const deleted = fetch(`${campaign.url}/api/lists/${campaign.lists[0]!.listId}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await lockWaiters(client, 1);
    const claimed = station.emitWithAck('contact:next');
    await sleep(300);
    await client.query('COMMIT');
    expect((await deleted).status).toBe(204);
    // The claim waited for the deletion (the claim lock), then took the other list's contact.
    expect(assignmentOf(await claimed).contact.list.id).toBe(campaign.lists[1]!.listId);
    expect(await doubleHeld(client)).toEqual(NONE_HELD_TWICE);
  });
});

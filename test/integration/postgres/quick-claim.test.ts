import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { callingRepo } from '../../../server/src/features/calling/calling.repo.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { raceCampaigns } from '../../helpers/postgres/race-campaign.ts';

// PostgreSQL's common claim is one function (quick-claim-statement.ts): it hands out and reads the
// card itself, and says "not me" (undefined) whenever the claim needs the full write. Every answer it
// gives must be the one the full claim would give, and it must give them: were it to step aside
// every time, every test of the calling loop would still pass, through the slower path.
const PHONES = [phoneNumber(1), phoneNumber(2), phoneNumber(3)];
const LEASE_MS = 10 * 60_000;

const campaigns = raceCampaigns();

describeWithPostgres("PostgreSQL's claim in one round trip", () => {
  const claim = (store: Parameters<typeof callingRepo.quickClaim>[0], station: number, now: number, open = true) =>
    callingRepo.quickClaim(store, { station, now, lease: randomUUID(), expires: now + LEASE_MS, open });

  it('hands out the best head with its card, then gives the station the same lease again', async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES }], 1);
    await campaign.join(0);
    const station = campaign.stations[0]!.id;
    const now = Date.now();

    const first = await claim(store, station, now);
    expect(first).toMatchObject({ resumed: false, lease: { station_id: station, contact_id: campaign.lists[0]!.contactIds[0], phone: PHONES[0], status: 'active', expires_at: now + LEASE_MS } });
    expect(first!.card).toMatchObject({ history: [], contact: { id: first!.lease.contact_id, phone: PHONES[0], status: 'held', attempts: 0 } });
    const { rows } = await client.query("SELECT id, station_id, contact_id FROM assignments WHERE status = 'active'");
    expect(rows).toEqual([{ id: first!.lease.id, station_id: station, contact_id: first!.lease.contact_id }]);

    // Asked again (a reload), and past the station's pace (`open` false): the same lease, nothing new.
    for (const open of [true, false]) expect(await claim(store, station, now + 1, open)).toMatchObject({ resumed: true, lease: first!.lease, card: first!.card });
    expect((await client.query("SELECT COUNT(*)::int AS n FROM assignments WHERE status = 'active'")).rows).toEqual([{ n: 1 }]);
  });

  it("steps aside for the full claim: no shift, a station that may not take, a lease due, one on do-not-call", async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES }], 3);
    const [a, b, c] = campaign.stations.map((station) => station.id) as [number, number, number];
    await campaign.join(0, { checkin: false });
    await campaign.join(1);
    await campaign.join(2);
    const now = Date.now();
    expect(await claim(store, a, now)).toBeUndefined();
    expect(await claim(store, b, now, false)).toBeUndefined();

    // Another station's lease has run out: the full claim expires it first.
    const held = await claim(store, c, now);
    expect(await claim(store, b, held!.lease.expires_at)).toBeUndefined();
    // The station's own number went on do-not-call while held: the full claim withdraws it.
    await client.query("INSERT INTO do_not_call (phone, added_at, source) VALUES ($1, 0, 'admin')", [held!.lease.phone]);
    expect(await claim(store, c, now + 1)).toBeUndefined();
    expect((await client.query("SELECT COUNT(*)::int AS n FROM assignments WHERE status = 'active'")).rows).toEqual([{ n: 1 }]);
  });

  it("offers a volunteer a contact in their language first, and only their association's or their station's fixed list", async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES.slice(0, 2) }, { phones: [phoneNumber(4), phoneNumber(5)] }], 3);
    const [first, second] = campaign.lists;
    await client.query("UPDATE contacts SET preferred_language = 'ar' WHERE id = $1", [first!.contactIds[1]]);
    await campaign.join(0, { checkin: { name: 'Samir', associationId: null, languages: ['sv', 'ar'] } });
    await campaign.join(1, { checkin: { name: 'Maja', associationId: second!.associationId } });
    await campaign.join(2);
    const [speaker, member, fixed] = campaign.stations.map((station) => station.id) as [number, number, number];
    const now = Date.now();
    expect((await claim(store, speaker, now))!.lease.contact_id).toBe(first!.contactIds[1]);
    // Each would be handed the first list's other contact (the lowest id) if its scope were ignored.
    expect((await claim(store, member, now))!.lease.contact_id).toBe(second!.contactIds[0]);
    await client.query('UPDATE stations SET list_id = $1 WHERE id = $2', [second!.listId, fixed]);
    expect((await claim(store, fixed, now))!.lease.contact_id).toBe(second!.contactIds[1]);
  });
});

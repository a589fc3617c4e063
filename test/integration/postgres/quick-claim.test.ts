import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { CALLING_STATEMENTS, callingRepo, quickClaim } from '../../../server/src/features/calling/calling.repo.ts';
import { CLAIM_LOCK } from '../../../server/src/features/calling/claim-statements.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import type { CampaignServer } from '../../helpers/campaign-server.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { lockWaiters, raceCampaigns } from '../../helpers/postgres/race-campaign.ts';

// PostgreSQL's common claims are one function (quick-claim-statement.ts), a batch at a time: it hands
// out and reads the cards itself, and says "not me" (undefined) for a claim that needs the full
// write. Every answer it gives must be the one the full claim would give, and it must give them:
// were it to step aside every time, every test of the calling loop would still pass, through the slower path.
const PHONES = [phoneNumber(1), phoneNumber(2), phoneNumber(3)];
const LEASE_MS = 10 * 60_000;

const campaigns = raceCampaigns();

type Store = Parameters<typeof callingRepo.quickClaims>[0];
type List = CampaignServer['lists'][number];

/** One batch: each station's claim, in this order, at `now`. */
const claimAll = (store: Store, stations: number[], now: number, open = true) =>
  callingRepo.quickClaims(store, {
    stations,
    leases: stations.map(() => randomUUID()),
    opens: stations.map(() => (open ? 1 : 0)),
    now,
    expires: now + LEASE_MS,
  });

describeWithPostgres("PostgreSQL's claims in one round trip", () => {
  const claim = async (store: Store, station: number, now: number, open = true) => (await claimAll(store, [station], now, open))[0];

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
    const { store, first, second, speaker, member, fixed } = await scopes();
    const now = Date.now();
    expect((await claim(store, speaker, now))!.lease.contact_id).toBe(first.contactIds[1]);
    // Each would be handed the first list's other contact (the lowest id) if its scope were ignored.
    expect((await claim(store, member, now))!.lease.contact_id).toBe(second.contactIds[0]);
    expect((await claim(store, fixed, now))!.lease.contact_id).toBe(second.contactIds[1]);
  });

  it('hands out a batch in the order its claims one at a time would, each list seeking its next head after its head was taken', async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES }, { phones: [phoneNumber(4), phoneNumber(5), phoneNumber(6)] }], 5);
    const stations = campaign.stations.map((station) => station.id);
    for (let n = 0; n < stations.length; n += 1) await campaign.join(n);
    // The lists' contacts by turns (first, second, first, ...): each claim's best head is on the other list.
    const [first, second] = campaign.lists;
    const byTurns = first!.contactIds.flatMap((id, n) => [id, second!.contactIds[n]!]);
    for (const [n, id] of byTurns.entries()) await client.query('UPDATE contacts SET next_call_at = $1 WHERE id = $2', [n, id]);
    const now = Date.now();

    const batch = await claimAll(store, stations, now);
    expect(batch.map((claim) => claim?.lease.contact_id)).toEqual(byTurns.slice(0, 5));
    expect(batch.map((claim) => claim?.lease.station_id)).toEqual(stations);

    // The same claims one at a time, from the same start.
    await client.query("DELETE FROM assignments; UPDATE contacts SET status = 'ready'");
    const oneByOne = [];
    for (const station of stations) oneByOne.push((await claim(store, station, now))?.lease.contact_id);
    expect(oneByOne).toEqual(byTurns.slice(0, 5));
  });

  it('passes over a head held meanwhile through another list (a shared number), and never holds one number twice', async () => {
    const shared = phoneNumber(9);
    const { campaign, store, client } = await campaigns([{ phones: [shared, PHONES[0]!] }, { phones: [shared, PHONES[1]!] }], 3);
    for (let n = 0; n < 3; n += 1) await campaign.join(n);
    const batch = await claimAll(store, campaign.stations.map((station) => station.id), Date.now());

    // The first claim takes the shared number, which holds its contact on the other list too; that
    // list's head was sought before, so the claim that picks it finds it held and takes the list's next.
    expect(batch.map((claim) => claim?.lease.phone).sort()).toEqual([shared, PHONES[0], PHONES[1]].sort());
    const held = await client.query("SELECT phone, COUNT(*)::int AS n FROM contacts WHERE status = 'held' GROUP BY phone ORDER BY phone");
    expect(held.rows).toEqual([{ phone: shared, n: 2 }, { phone: PHONES[0]!, n: 1 }, { phone: PHONES[1]!, n: 1 }].sort((a, b) => a.phone.localeCompare(b.phone)));
    const leases = await client.query("SELECT COUNT(DISTINCT phone)::int AS phones, COUNT(*)::int AS n FROM assignments WHERE status = 'active'");
    expect(leases.rows).toEqual([{ phones: 3, n: 3 }]);
  });

  it('seeks the heads before the claim lock, and passes over one another claim took while it waited', async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES }], 2);
    await campaign.join(0);
    await campaign.join(1);
    const [other, station] = campaign.stations.map((row) => row.id) as [number, number];
    const [head, next] = campaign.lists[0]!.contactIds as [number, number];
    // Another node's claim, under the lock and not yet committed: it holds and leases the list's head.
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CLAIM_LOCK]);
    await client.query("UPDATE contacts SET status = 'held' WHERE id = $1", [head]);
    await client.query(
      `INSERT INTO assignments (id, station_id, contact_id, phone, shift_id, status, created_at, expires_at)
       SELECT $1, $2, $3, $4, id, 'active', 0, $5 FROM shifts WHERE station_id = $2 AND ended_at IS NULL`,
      [randomUUID(), other, head, PHONES[0], Date.now() + LEASE_MS],
    );
    // This claim sees the head still ready, and waits for the lock; the other claim then commits.
    const claimed = claim(store, station, Date.now());
    await lockWaiters(client);
    await client.query('COMMIT');

    expect((await claimed)?.lease.contact_id).toBe(next);
    const leases = await client.query("SELECT station_id, contact_id FROM assignments WHERE status = 'active' ORDER BY station_id");
    expect(leases.rows).toEqual([{ station_id: other, contact_id: head }, { station_id: station, contact_id: next }].sort((a, b) => a.station_id - b.station_id));
  });

  it("leaves a head that stands in the way to the full claim, and the batch's other claims to other lists", async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES.slice(0, 2) }, { phones: [phoneNumber(4), phoneNumber(5)] }], 3);
    for (let n = 0; n < 3; n += 1) await campaign.join(n);
    const [first, second] = campaign.lists;
    // The first list's head is the best of all, and its number went on do-not-call after the import.
    await client.query('UPDATE contacts SET next_call_at = 0 WHERE id = $1', [first!.contactIds[0]]);
    await client.query("INSERT INTO do_not_call (phone, added_at, source) VALUES ($1, 0, 'admin')", [PHONES[0]]);

    const batch = await claimAll(store, campaign.stations.map((station) => station.id), Date.now());
    expect(batch[0]).toBeUndefined();
    expect(batch.slice(1).map((claim) => claim?.lease.contact_id)).toEqual(second!.contactIds);
    expect((await client.query('SELECT status FROM contacts WHERE id = $1', [first!.contactIds[0]])).rows).toEqual([{ status: 'ready' }]);
  });

  it("gives each claim of a mixed batch its own scope, and a station asking twice in one batch the same lease", async () => {
    const { store, first, second, speaker, member, fixed, absent } = await scopes();
    const batch = await claimAll(store, [speaker, member, absent, fixed, member], Date.now());
    expect(batch.map((claim) => claim?.lease.contact_id)).toEqual([first.contactIds[1], second.contactIds[0], undefined, second.contactIds[1], second.contactIds[0]]);
    expect(batch.map((claim) => claim?.resumed)).toEqual([false, false, undefined, false, true]);
  });

  it("seeks an association's lists for its member's claim, and the rest for a claim on every list, which takes the best of both", async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES.slice(0, 2) }, { phones: [phoneNumber(4), phoneNumber(5)] }], 2);
    const [first, second] = campaign.lists as [List, List];
    await campaign.join(0, { checkin: { name: 'Maja', associationId: second.associationId } });
    await campaign.join(1);
    const [member, everyList] = campaign.stations.map((station) => station.id) as [number, number];
    // The second list's contacts come first: after the member takes one, its other is still the best of all.
    for (const [n, id] of [...second.contactIds, ...first.contactIds].entries()) await client.query('UPDATE contacts SET next_call_at = $1 WHERE id = $2', [n, id]);
    const batch = await claimAll(store, [member, everyList], Date.now());
    expect(batch.map((claim) => claim?.lease.contact_id)).toEqual([second.contactIds[0], second.contactIds[1]]);
  });

  it('reads a batch\'s cards as the single card read does, history included, and plans both functions once per connection', async () => {
    const { campaign, store, client } = await campaigns([{ phones: PHONES }], 2);
    await campaign.join(0);
    await campaign.join(1);
    const [one, other] = campaign.stations.map((station) => station.id) as [number, number];
    const [called, fresh] = campaign.lists[0]!.contactIds as [number, number];
    // The first contact was called before, on a station's earlier shift: its card shows that call.
    await client.query(
      `INSERT INTO calls (contact_id, station_id, list_id, outcome, started_at, ended_at, note)
       VALUES ($1, $2, $3, 'no_answer', 1000, 2000, 'ring later')`,
      [called, one, campaign.lists[0]!.listId],
    );
    const batch = await claimAll(store, [one, other], Date.now());
    expect(batch.map((claim) => claim?.lease.contact_id)).toEqual([called, fresh]);
    for (const claim of batch) expect(claim!.card).toEqual(await store.read((q) => callingRepo.card(q, claim!.lease.contact_id)));
    expect(batch[0]!.card!.history).toEqual([{ ended_at: 2000, outcome: 'no_answer', note: 'ring later', callback_at: null }]);

    // Their statements take the batch's arrays: left to choose, PostgreSQL would plan them anew at every call.
    const routines = [quickClaim, CALLING_STATEMENTS.cards].map((statement) => statement.routine!.name);
    const { rows } = await client.query('SELECT proname, proconfig FROM pg_proc WHERE proname = ANY($1) ORDER BY proname', [routines]);
    expect(rows).toEqual([...routines].sort().map((proname) => ({ proname, proconfig: ['plan_cache_mode=force_generic_plan'] })));
  });

  /**
   * Two lists of two; a volunteer who also speaks Arabic (the first list's second contact prefers it),
   * one of the second list's association, one at a station fixed to the second list, one not checked in.
   */
  async function scopes() {
    const { campaign, store, client } = await campaigns([{ phones: PHONES.slice(0, 2) }, { phones: [phoneNumber(4), phoneNumber(5)] }], 4);
    const [first, second] = campaign.lists as [List, List];
    await client.query("UPDATE contacts SET preferred_language = 'ar' WHERE id = $1", [first.contactIds[1]]);
    await campaign.join(0, { checkin: { name: 'Samir', associationId: null, languages: ['sv', 'ar'] } });
    await campaign.join(1, { checkin: { name: 'Maja', associationId: second.associationId } });
    await campaign.join(2);
    await campaign.join(3, { checkin: false });
    const [speaker, member, fixed, absent] = campaign.stations.map((station) => station.id) as [number, number, number, number];
    await client.query('UPDATE stations SET list_id = $1 WHERE id = $2', [second.listId, fixed]);
    return { store, first, second, speaker, member, fixed, absent };
  }
});

import { expect, it } from 'vitest';
import { addNumbers } from '../../../server/src/features/privacy/do-not-call.repo.ts';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { lockWaiters, raceCampaigns } from '../../helpers/postgres/race-campaign.ts';

// Writers that take no claim lock (the register, a late report) racing a claim of the same number,
// each held open at the worst moment: the claim must neither lease a contact closed under it, nor
// let a late report close a contact it has just handed out (allocator.ts, invariants 2 and 3).
const NUMBER = '+46701234501';

const race = raceCampaigns();

describeWithPostgres('a claim racing writers that take no claim lock', () => {
  it('never leases a number the register closed while the claim waited for its row', async () => {
    const { campaign, store, client } = await race([{ phones: [NUMBER] }], 1);
    const station = await campaign.join(0);
    // The register's write: the number added and its waiting contact closed, not yet committed.
    let [added, commit] = [() => {}, () => {}];
    const written = new Promise<void>((resolve) => (added = resolve));
    const committing = new Promise<void>((resolve) => (commit = resolve));
    const register = store.write(async (q) => {
      await addNumbers(q, [NUMBER], 'admin', Date.now());
      added();
      await committing;
    });
    await written;
    const claim = station.emitWithAck('contact:next');
    await lockWaiters(client);
    commit();
    await register;

    expect(await claim).toMatchObject({ ok: true, assignment: null });
    const { rows } = await client.query("SELECT id FROM assignments WHERE status = 'active'");
    expect(rows).toEqual([]);
    const contact = await client.query('SELECT status, closed_reason FROM contacts WHERE phone = $1', [NUMBER]);
    expect(contact.rows).toEqual([{ status: 'done', closed_reason: 'do_not_call' }]);
  });

  it('records a late report and a claim of its number one after the other: never a held contact closed under its lease', async () => {
    const { campaign, client } = await race([{ phones: [NUMBER] }], 2);
    const [first, second] = [await campaign.join(0), await campaign.join(1)];
    const late = assignmentOf(await first.emitWithAck('contact:next'));
    // The first station's lease expires, as a claim's expiry does it.
    await client.query("UPDATE assignments SET status = 'expired', ended_at = created_at + 1 WHERE id = $1", [late.id]);
    await client.query("UPDATE contacts SET status = 'ready' WHERE phone = $1 AND status = 'held'", [NUMBER]);
    // The late report's write is held back (at its call insert, after its read) while the second station claims.
    await client.query('BEGIN');
    await client.query('LOCK TABLE calls IN EXCLUSIVE MODE');
    const report = first.emitWithAck('call:outcome', { assignmentId: late.id, outcome: 'conversation' });
    await lockWaiters(client);
    const claimed = second.emitWithAck('contact:next');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.query('COMMIT');

    // The late report took the claim lock before its write, so the claim waited for it: the call is
    // recorded, the contact closed by it, and nothing is left to hand out.
    expect(await report).toEqual({ ok: true });
    expect(await claimed).toMatchObject({ ok: true, assignment: null });
    const state = await client.query(
      `SELECT c.status, (SELECT COUNT(*)::int FROM assignments a WHERE a.phone = c.phone AND a.status = 'active') AS leases,
         (SELECT COUNT(*)::int FROM calls) AS calls
       FROM contacts c WHERE c.id = $1`,
      [late.contact.id],
    );
    expect(state.rows).toEqual([{ status: 'done', leases: 0, calls: 1 }]);
  });
});

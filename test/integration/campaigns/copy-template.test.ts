import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zCampaign } from '@ringstuga/shared';
import { callLists } from '../../../server/src/db/schema.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { buildBooking, buildVolunteer } from '../../helpers/booking-rows.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { column, execute, rows, single } from '../../helpers/store-values.ts';

let server: CampaignServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const admin = (method: string, path: string, body?: unknown) => api(server!.url, method, path, ADMIN_TOKEN, body);
const zMade = z.object({ sessions: z.array(z.object({ id: z.number() })) });
const QUESTION_TEXT = JSON.stringify({ sv: 'Kommer du att rösta?' });

describe('copying a campaign as a template', () => {
  it('copies its session pattern moved by the whole weeks nearest the days between the starts (weekday and local time kept across DST), its lists empty with their scripts and questions, and no people', async () => {
    server = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 2, env: { TIME_ZONE: 'Europe/Stockholm' } });
    const store = server.app.store;
    const { listId, associationId } = server.lists[0]!;
    await bodyOf(await admin('PATCH', '/api/campaigns/1', { startsOn: '2026-03-01' }), 200, zCampaign);
    // Two evenings 18–20 Stockholm time in winter (UTC+1), one of them booked by a volunteer.
    const source = [];
    for (const day of ['10', '12']) {
      source.push((await bodyOf(await admin('POST', '/api/rooms/1/sessions', { startsAt: `2026-03-${day}T17:00:00Z`, endsAt: `2026-03-${day}T19:00:00Z`, campaignId: 1 }), 201, zMade)).sessions[0]!.id);
    }
    const volunteer = await buildVolunteer(server.app, { name: 'Vera', createdAt: 0 });
    await buildBooking(server.app, { sessionId: source[0]!, volunteerId: volunteer.id, createdAt: 0 });
    // 31 days between the starts: four weeks. The room already holds another campaign's evening where the second one would land (summer time: 16:00 UTC).
    const other = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Medlemssamtal', startsOn: '2020-01-01' }), 201, zCampaign);
    await bodyOf(await admin('POST', '/api/rooms/1/sessions', { startsAt: '2026-04-09T15:30:00Z', endsAt: '2026-04-09T16:30:00Z', campaignId: other.id }), 201, zMade);
    await store.write((q) => q.run(q.db.update(callLists).set({ script: 'Hej!', instructions: 'Var vänlig', notesEnabled: false }).where(eq(callLists.id, listId))));
    await execute(store, sql`INSERT INTO list_scripts (list_id, language, script, instructions) VALUES (${listId}, 'en', 'Hello!', 'Be kind')`);
    const question = (list: number | null, campaignId: number | null, key: string, position: number, retiredAt: number | null) =>
      execute(
        store,
        sql`INSERT INTO list_questions (list_id, campaign_id, key, kind, text, position, retired_at) VALUES (${list}, ${campaignId}, ${key}, 'yes_no', ${QUESTION_TEXT}, ${position}, ${retiredAt})`,
      );
    await question(listId, null, 'rostar', 0, null);
    await question(listId, null, 'gammal', 1, 5);
    await question(null, 1, 'hjalpa', 0, null);

    const copy = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Nästa val', startsOn: '2026-04-01', copyFrom: 1 }), 201, zCampaign);
    expect(copy.copiedFrom).toBe(1);

    const sessions = await rows<{ id: number; starts_at: number; ends_at: number }>(
      store,
      sql`SELECT id, room_id, starts_at, ends_at, capacity FROM calling_sessions WHERE campaign_id = ${copy.id} ORDER BY id`,
    );
    expect(sessions).toEqual([{ id: expect.any(Number), room_id: 1, starts_at: Date.parse('2026-04-07T16:00:00Z'), ends_at: Date.parse('2026-04-07T18:00:00Z'), capacity: 2 }]);
    expect(await single(store, sql`SELECT COUNT(*) AS n FROM bookings WHERE session_id = ${sessions[0]!.id}`)).toBe(0);

    // Booleans come back as 0/1 from SQLite and true/false from PostgreSQL.
    const lists = (
      await rows<{ id: number; notes_enabled: unknown; active: unknown }>(
        store,
        sql`SELECT id, association_id, name, script, instructions, notes_enabled, contacts_count, active FROM call_lists WHERE campaign_id = ${copy.id} ORDER BY id`,
      )
    ).map((row) => ({ ...row, notes_enabled: Number(row.notes_enabled), active: Number(row.active) }));
    expect(lists).toEqual([{ id: expect.any(Number), association_id: associationId, name: expect.any(String), script: 'Hej!', instructions: 'Var vänlig', notes_enabled: 0, contacts_count: 0, active: 1 }]);
    const copiedList = lists[0]!.id;
    expect(await single(store, sql`SELECT COUNT(*) AS n FROM contacts WHERE list_id = ${copiedList}`)).toBe(0);
    expect(await rows(store, sql`SELECT language, script, instructions FROM list_scripts WHERE list_id = ${copiedList}`)).toEqual([
      { language: 'en', script: 'Hello!', instructions: 'Be kind' },
    ]);
    expect(await rows(store, sql`SELECT key, text FROM list_questions WHERE list_id = ${copiedList}`)).toEqual([{ key: 'rostar', text: QUESTION_TEXT }]);
    expect(await column(store, sql`SELECT key FROM list_questions WHERE campaign_id = ${copy.id}`)).toEqual(['hjalpa']);

    const { entries } = (await (await admin('GET', '/api/audit')).json()) as { entries: { target: string; detail: unknown }[] };
    expect(entries.find((entry) => entry.target === `campaign:${copy.id}`)?.detail).toMatchObject({ made: true, copiedFrom: 1, sessions: 1, sessionsSkipped: 1, lists: 1, questions: 2 });
  });

  it('refuses to copy a campaign that does not exist, and makes nothing', async () => {
    server = await startCampaign({ lists: [], stations: 0 });
    expect((await admin('POST', '/api/campaigns', { name: 'Kopia', startsOn: '2026-04-01', copyFrom: 99 })).status).toBe(400);
    expect(await single(server.app.store, sql`SELECT COUNT(*) AS n FROM campaigns WHERE name = 'Kopia'`)).toBe(0);
  });
});

import { sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { MINUTE, manualClock, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { zAccessLink, zSession } from '@ringstuga/shared';
import { z } from 'zod';

const run = promisify(execFile);

let campaign: CampaignServer | undefined;
afterAll(async () => {
  await campaign?.close();
});

async function bookingsByStatus(server: CampaignServer): Promise<Record<string, number>> {
  const rows = await server.app.store.read((q) => q.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM bookings GROUP BY status`));
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

describe('the simulator with a sign-up link', () => {
  it('books its volunteers through the link, checks in those who come from "expected now", and the session end marks the rest no_show', async () => {
    const clock = manualClock(Date.UTC(2026, 8, 15, 15));
    campaign = await startCampaign({
      lists: [{ phones: Array.from({ length: 300 }, (_, i) => phoneNumber(i + 1)) }],
      stations: 6,
      now: clock.now,
    });
    const { url } = campaign;
    // Starts in 10 minutes, so check-in (open from 30 minutes before) is open at once.
    const startsAt = clock.now() + 10 * MINUTE;
    const made = await bodyOf(
      await api(url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, {
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 60 * MINUTE).toISOString(),
        capacity: 6,
      }),
      201,
      z.object({ sessions: z.array(zSession) }),
    );
    const link = await bodyOf(await api(url, 'POST', '/api/signup-links', ADMIN_TOKEN, { roomId: 1 }), 201, zAccessLink);

    const args = ['--import', 'tsx', 'tools/simulate/simulate.ts', '--url', url, '--admin-token', ADMIN_TOKEN, '--seed', '7'];
    const { stdout } = await run(
      process.execPath,
      [...args, '--stations', '6', '--speed', '5000', '--duration', '6', '--signup', link.url, '--no-show', '34'],
      { timeout: 40_000, env: { ...process.env, ADMIN_TOKEN: '' } },
    );

    // round(6 × 34 %) = 2 never come; the other 4 check in with their bookings.
    expect(stdout).toContain('6 volunteers signed up: 6 places booked (the rest on waiting lists); 2 will not come.');
    expect(stdout).toMatch(/^ {2}booked check-ins 4$/m);
    expect(await bookingsByStatus(campaign)).toEqual({ attended: 4, booked: 2 });

    clock.advance(2 * 60 * MINUTE);
    await campaign.app.sweepSessionEnds();
    expect(await bookingsByStatus(campaign)).toEqual({ attended: 4, no_show: 2 });
    const { sessions } = await bodyOf(
      await api(url, 'GET', `/api/rooms/1/sessions?from=${new Date(startsAt - MINUTE).toISOString()}`, ADMIN_TOKEN),
      200,
      z.object({ sessions: z.array(zSession) }),
    );
    expect(sessions.find((s) => s.id === made.sessions[0]!.id)?.booked).toBe(6);
  }, 60_000);
});

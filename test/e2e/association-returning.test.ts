import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { manualClock, startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { connect } from '../helpers/socket-connect.ts';
import { stationSocket } from '../helpers/station-client.ts';
import { expectStatus } from '../integration/sessions/fill-room.ts';
import { expectNoSeriousAxeViolations } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

describeInRoom('an association’s “called last time, not booked now” panel in Chromium', (origin, browser) => {
  const clock = manualClock(Date.now());
  let campaign: CampaignServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)], municipalityName: 'Stockholm' }], stations: 2, origin, now: clock.now });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  it('lists a volunteer who came three weeks ago at two weeks, not at four, with a tel: and a mailto: link', async () => {
    const { associationId } = campaign.lists[0]!;
    // A session in ten minutes (check-in open), Lo books it and checks in at a station.
    const startsAt = clock.now() + HOUR / 6;
    const { sessions } = await expectStatus<{ sessions: { id: number }[] }>(
      api(campaign.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString() }),
      201,
    );
    const signup = await expectStatus<{ token: string }>(api(campaign.url, 'POST', '/api/signup-links', ADMIN_TOKEN, {}), 201);
    const booked = await expectStatus<{ bookings: { id: number }[] }>(
      api(campaign.url, 'POST', '/api/signup/bookings', signup.token, {
        sessionIds: [sessions[0]!.id],
        name: 'Lo',
        associationId,
        email: 'lo@example.org',
        phone: '070-111 22 33',
        consent: true,
      }),
      201,
    );
    const station = await connect(stationSocket(campaign.url, campaign.stations[0]!.token));
    expect((await station.emitWithAck('station:checkin', { bookingId: booked.bookings[0]!.id })).ok).toBe(true);
    station.close();
    clock.advance(3 * WEEK);

    const access = await expectStatus<{ url: string }>(api(campaign.url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, { label: 'e2e' }), 201);
    const context = await browser().newContext({ viewport: { width: 360, height: 640 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(access.url);
    await expectOrigin(page, origin);

    const panel = page.getByTestId('returning-panel');
    await panel.getByRole('heading', { name: 'Ringde förra gången – inte bokade nu' }).waitFor();
    // Four weeks (the default): her session is within them.
    await panel.getByText('Ingen att ringa just nu').waitFor();
    await panel.getByLabel('Ingen bokning på').selectOption({ label: '2 veckor' });
    const lo = panel.getByTestId('returning-list').locator('li', { hasText: 'Lo' });
    await lo.waitFor();
    expect(await lo.innerText()).toContain('Med 1 gång');
    expect(await lo.getByRole('link', { name: '+46701112233' }).getAttribute('href')).toBe('tel:+46701112233');
    expect(await lo.getByRole('link', { name: 'lo@example.org' }).getAttribute('href')).toBe('mailto:lo@example.org');
    await expectNoSeriousAxeViolations(page);
    expect(errors).toEqual([]);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { phoneNumber } from '../factories/campaign.ts';
import { manualClock, MINUTE, startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { expectNoSeriousAxeViolations } from './a11y.ts';
import { describeOnEveryOrigin, expectOrigin, pageErrors } from './browser.ts';

async function json<T>(response: Promise<Response>, status: number): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return JSON.parse(text) as T;
}

describeOnEveryOrigin('check-in by booking on the station page', (origin, browser) => {
  let campaign: CampaignServer;
  let associationId: number;
  let signupToken: string;
  let sessionId: number;
  const clock = manualClock(Date.UTC(2026, 9, 1, 16));

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 2, now: clock.now, origin });
    associationId = campaign.lists[0]!.associationId;
    // Starts in ten minutes: check-in is open.
    const startsAt = clock.now() + 10 * MINUTE;
    const made = await json<{ sessions: { id: number }[] }>(
      api(campaign.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, {
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 120 * MINUTE).toISOString(),
      }),
      201,
    );
    sessionId = made.sessions[0]!.id;
    signupToken = (await json<{ token: string }>(api(campaign.url, 'POST', '/api/signup-links', ADMIN_TOKEN, {}), 201)).token;
  });
  afterAll(async () => {
    await campaign?.close();
  });

  const signUp = (name: string) =>
    json<{ bookings: { id: number }[]; url: string }>(
      api(campaign.url, 'POST', '/api/signup/bookings', signupToken, { sessionIds: [sessionId], name, associationId, email: `${name}@example.org`, consent: true }),
      201,
    );
  const bookingStatus = (id: number) => (campaign.app.db.$client.prepare('SELECT status FROM bookings WHERE id = ?').get(id) as { status: string }).status;

  it('lists who is expected now, and a volunteer picks themselves to check in (the form passes axe)', async () => {
    const { bookings } = await signUp('Alva');
    const page = await browser().newPage();
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/station#token=${campaign.stations[0]!.token}`);
    await expectOrigin(page, origin);
    const booked = page.getByTestId('booked-checkin');
    await booked.getByRole('group', { name: 'Är du en av dessa?' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    // The camera needs a secure context (then any browser reads the code): over plain HTTP only the paste field is offered.
    expect(await booked.getByRole('button', { name: 'Skanna min QR-kod' }).count()).toBe(origin.secure ? 1 : 0);

    await booked.getByRole('button', { name: 'Jag är Alva' }).click();
    await page.getByTestId('checkin-form').waitFor({ state: 'detached' });
    expect(bookingStatus(bookings[0]!.id)).toBe('attended');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('checks in a volunteer who pastes their personal link, and refuses a link that is not one', async () => {
    const { bookings, url } = await signUp('Bruno');
    const page = await browser().newPage();
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/station#token=${campaign.stations[1]!.token}`);
    await expectOrigin(page, origin);
    const field = page.getByLabel('Eller klistra in din personliga länk');
    await field.fill('https://example.org/nothing-here');
    await page.getByRole('button', { name: 'Checka in med länken' }).click();
    await page.getByText('Det där ser inte ut som en personlig länk').waitFor();
    expect(bookingStatus(bookings[0]!.id)).toBe('booked');

    expect(url).toContain('/me#token=');
    await field.fill(url);
    await page.getByRole('button', { name: 'Checka in med länken' }).click();
    await page.getByTestId('checkin-form').waitFor({ state: 'detached' });
    expect(bookingStatus(bookings[0]!.id)).toBe('attended');
    expect((await campaign.app.store.read((q) => campaign.app.shifts.current(q, campaign.stations[1]!.id)))?.name).toBe('Bruno');
    expect(errors).toEqual([]);
    await page.close();
  });
});

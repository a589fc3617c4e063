import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { phoneNumber } from '../factories/campaign.ts';
import { manualClock, MINUTE, startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { PLAIN_HTTP, type PageOrigin } from '../helpers/page-origin.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { throwawayCertificate } from '../helpers/throwaway-certificate.ts';
import { describeWithBrowser, expectOrigin, launchBrowser, pageErrors } from './browser.ts';
import { fakeCameraArgs, qrCodeVideo } from './fake-camera.ts';

// A station that is a laptop: Chromium on Linux, which has no BarcodeDetector, with a camera (a
// fake one playing a video of the volunteer's QR code). Over HTTPS the station reads the code and
// checks the volunteer in; over a room's plain HTTP there is no camera, only the paste field.
const certificate = throwawayCertificate();
const clock = manualClock(Date.UTC(2026, 9, 1, 16));

async function injected<T>(app: FastifyInstance, url: string, token: string, body: unknown): Promise<T> {
  const response = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body as object });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

/** A room whose session starts in ten minutes (check-in is open), and a way to book volunteers on it. */
async function roomWithSession(options: { env?: Record<string, string>; origin?: PageOrigin }) {
  const campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now, ...options });
  const startsAt = clock.now() + 10 * MINUTE;
  const period = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 120 * MINUTE).toISOString() };
  const [session] = (await injected<{ sessions: { id: number }[] }>(campaign.app, '/api/rooms/1/sessions', ADMIN_TOKEN, period)).sessions;
  const { token: signupToken } = await injected<{ token: string }>(campaign.app, '/api/signup-links', ADMIN_TOKEN, {});
  const associationId = campaign.lists[0]!.associationId;
  const signUp = (name: string) =>
    injected<{ bookings: { id: number }[]; url: string }>(campaign.app, '/api/signup/bookings', signupToken, {
      sessionIds: [session!.id],
      name,
      associationId,
      email: `${name}@example.org`,
      consent: true,
    });
  const bookingStatus = (id: number) => (campaign.app.db.$client.prepare('SELECT status FROM bookings WHERE id = ?').get(id) as { status: string }).status;
  return { campaign, signUp, bookingStatus };
}

type Room = Awaited<ReturnType<typeof roomWithSession>>;

/** Keeps every camera stream the page opens in `window.cameraStreams`, to check that each is stopped. */
const RECORD_CAMERA_STREAMS = `
  window.cameraStreams = [];
  const getUserMedia = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
  if (getUserMedia) {
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      window.cameraStreams.push(stream);
      return stream;
    };
  }
`;

describeWithBrowser('checking in at a station by the QR code', () => {
  const campaigns: CampaignServer[] = [];
  const browsers: Browser[] = [];
  const cleanups: (() => void)[] = [];
  beforeAll(() => cleanups.push(certificate.cleanup));
  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await Promise.all(campaigns.map((campaign) => campaign.close()));
    cleanups.forEach((cleanup) => cleanup());
  });

  /**
   * A station page over HTTPS in a Chromium whose camera shows `cameraText` as a QR code (null: no
   * code). Records the scripts loaded, and the camera streams the page opens, to see them released.
   */
  async function httpsStation(room: Room, cameraText: string | null) {
    const video = qrCodeVideo(cameraText);
    cleanups.push(video.cleanup);
    const browser = await launchBrowser({ args: fakeCameraArgs(video.path) });
    browsers.push(browser);
    // The service worker is not under test, and its script's fetch ignores ignoreHTTPSErrors (an error in the console).
    const context = await browser.newContext({ ignoreHTTPSErrors: true, serviceWorkers: 'block' });
    await context.addInitScript(RECORD_CAMERA_STREAMS);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
    const httpsUrl = room.campaign.url.replace('http://', 'https://');
    await page.goto(`${httpsUrl}/station#token=${room.campaign.stations[0]!.token}`);
    const booked = page.getByTestId('booked-checkin');
    await booked.getByRole('group', { name: 'Är du en av dessa?' }).waitFor();
    const cameraTracks = () => page.evaluate<string[]>('window.cameraStreams.flatMap((stream) => stream.getTracks().map((track) => track.readyState))');
    return { page, booked, errors, scripts, cameraTracks };
  }

  it('over HTTPS, a station without BarcodeDetector reads the personal QR code from the camera (jsQR, loaded on the scan), the booking becomes attended and the camera is released', { timeout: 120_000 }, async () => {
    const room = await httpsRoom();
    const { bookings, url } = await room.signUp('Cleo');
    expect(url).toContain('/me#token=');
    const { page, booked, errors, scripts, cameraTracks } = await httpsStation(room, url);
    expect(await page.evaluate('({ secure: window.isSecureContext, protocol: location.protocol, detector: "BarcodeDetector" in window })')).toEqual({
      secure: true,
      protocol: 'https:',
      detector: false,
    });
    // The QR reader is not part of the station's first load.
    expect(scripts.filter((path) => /jsqr/i.test(path))).toEqual([]);

    await booked.getByRole('button', { name: 'Skanna min QR-kod' }).click();
    await page.getByTestId('checkin-form').waitFor({ state: 'detached', timeout: 60_000 });
    expect(room.bookingStatus(bookings[0]!.id)).toBe('attended');
    expect((await room.campaign.app.store.read((q) => room.campaign.app.shifts.current(q, room.campaign.stations[0]!.id)))?.name).toBe('Cleo');
    expect(scripts.filter((path) => /jsqr/i.test(path))).toHaveLength(1);
    expect(await cameraTracks()).toEqual(['ended']);
    expect(errors).toEqual([]);
  });

  it('over HTTPS, a QR code that is not a personal link checks nobody in and says so; a scan stopped by hand releases the camera too', { timeout: 120_000 }, async () => {
    const room = await httpsRoom();
    const { bookings } = await room.signUp('Edit');
    const wrong = await httpsStation(room, 'https://example.org/nothing-here');
    await wrong.booked.getByRole('button', { name: 'Skanna min QR-kod' }).click();
    await wrong.booked.getByRole('alert').filter({ hasText: 'QR-koden gick inte att läsa' }).waitFor({ timeout: 60_000 });
    expect(room.bookingStatus(bookings[0]!.id)).toBe('booked');
    expect(await wrong.cameraTracks()).toEqual(['ended']);
    expect(wrong.errors).toEqual([]);

    const blank = await httpsStation(room, null);
    await blank.booked.getByRole('button', { name: 'Skanna min QR-kod' }).click();
    await blank.booked.getByLabel('Kameran: håll upp QR-koden från din sida').waitFor();
    await expect.poll(blank.cameraTracks).toEqual(['live']);
    await blank.booked.getByRole('button', { name: 'Avbryt skanningen' }).click();
    await blank.booked.getByRole('button', { name: 'Skanna min QR-kod' }).waitFor();
    await expect.poll(blank.cameraTracks).toEqual(['ended']);
    expect(room.bookingStatus(bookings[0]!.id)).toBe('booked');
    expect(blank.errors).toEqual([]);
  });

  async function httpsRoom(): Promise<Room> {
    const room = await roomWithSession({ env: { TLS_CERT: certificate.certPath, TLS_KEY: certificate.keyPath } });
    campaigns.push(room.campaign);
    return room;
  }

  it('over plain HTTP (a room without HTTPS), no scan button even with a camera attached: the paste field checks in', { timeout: 120_000 }, async () => {
    const room = await roomWithSession({ origin: PLAIN_HTTP });
    campaigns.push(room.campaign);
    const { bookings, url } = await room.signUp('Dag');
    const video = qrCodeVideo(url);
    cleanups.push(video.cleanup);
    const browser = await launchBrowser({ args: fakeCameraArgs(video.path) });
    try {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      await page.goto(`${room.campaign.pageUrl}/station#token=${room.campaign.stations[0]!.token}`);
      await expectOrigin(page, PLAIN_HTTP);
      const booked = page.getByTestId('booked-checkin');
      await booked.getByRole('group', { name: 'Är du en av dessa?' }).waitFor();
      expect(await booked.getByRole('button', { name: 'Skanna min QR-kod' }).count()).toBe(0);
      await booked.getByLabel('Eller klistra in din personliga länk').fill(url);
      await booked.getByRole('button', { name: 'Checka in med länken' }).click();
      await page.getByTestId('checkin-form').waitFor({ state: 'detached' });
      expect(room.bookingStatus(bookings[0]!.id)).toBe('attended');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

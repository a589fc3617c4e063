import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { prepareCampaignFile, type StationSeat } from '../helpers/campaign-file.ts';
import { freePort } from '../helpers/free-port.ts';
import { serverProcessFixture, startServerProcess } from '../helpers/server-process.ts';
import { tempDatabasePath } from '../helpers/server.ts';
import { throwawayCertificate } from '../helpers/throwaway-certificate.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

// A room on HTTPS without a proxy: the server itself serves TLS_CERT/TLS_KEY (a throwaway
// certificate, made here), the page and its socket.io connection go over https and wss, and the
// page is a secure context (what a service worker and the installable app need).
const files = serverProcessFixture();
const certificate = throwawayCertificate();

describeWithBrowser('a room served over HTTPS', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    certificate.cleanup();
  });

  it('opens a station over https, checks in, shows a contact over wss, and is a secure context', async () => {
    files.temp = tempDatabasePath();
    const [seat] = (await prepareCampaignFile(files.temp.path, { contactsPerList: 3, stations: 1 })) as [StationSeat];
    const port = await freePort();
    const server = await startServerProcess({
      databasePath: files.temp.path,
      port,
      env: { TLS_CERT: certificate.certPath, TLS_KEY: certificate.keyPath, PUBLIC_URL: `https://127.0.0.1:${port}` },
      tls: { ca: certificate.cert },
    });
    expect(server.url).toBe(`https://127.0.0.1:${port}`);
    // The start-up line names the https address.
    expect(server.output()).toContain(`https://127.0.0.1:${port}`);

    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const websockets: string[] = [];
    page.on('websocket', (socket) => websockets.push(socket.url()));
    const response = await page.goto(`${server.url}/station#token=${seat.token}`);
    // An https PUBLIC_URL turns HSTS on, as before.
    expect(response!.headers()['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    await checkIn(page, 'Ada');
    await page.locator('a.contact-phone').filter({ hasText: /^0\d{2}-/ }).first().waitFor();
    // The page's own globals (the tests are typed for Node, not the DOM).
    const inPage = await page.evaluate(() => {
      const { isSecureContext, location } = globalThis as unknown as { isSecureContext: boolean; location: { protocol: string } };
      return { isSecureContext, protocol: location.protocol };
    });
    expect(inPage).toEqual({ isSecureContext: true, protocol: 'https:' });
    expect(websockets.length).toBeGreaterThan(0);
    expect(websockets.every((url) => url.startsWith(`wss://127.0.0.1:${port}/socket.io/`))).toBe(true);
    await context.close();
  });

  it('keeps HSTS off when only TLS is on: HSTS stays tied to an https PUBLIC_URL', async () => {
    files.temp = tempDatabasePath();
    const env = { DATABASE_PATH: files.temp.path, TLS_CERT: certificate.certPath, TLS_KEY: certificate.keyPath, LOG_LEVEL: 'silent' };
    for (const [publicUrl, hsts] of [[undefined, false], ['http://ring.example.org', false], ['https://ring.example.org', true]] as const) {
      const app = await buildApp(loadConfig({ ...env, ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) }));
      try {
        const response = await app.inject({ method: 'GET', url: '/api/health' });
        expect(response.headers['strict-transport-security'] !== undefined, String(publicUrl)).toBe(hsts);
      } finally {
        await app.close();
      }
    }
  });
});

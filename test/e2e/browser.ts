import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ORIGINS, PLAIN_HTTP, PLAIN_HTTP_HOST, type PageOrigin } from '../helpers/page-origin.ts';

/**
 * Debian's chromium (`apt-get install chromium`); playwright never downloads a browser here.
 * CHROMIUM_PATH overrides it (another distribution's path, or proving the skip/fail paths).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const browserAvailable: boolean = existsSync(CHROMIUM_PATH);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The plain-HTTP origin a room has (test/helpers/page-origin.ts), without any network.
  `--host-resolver-rules=MAP ${PLAIN_HTTP_HOST} 127.0.0.1`,
];

/** `args` are added to the usual flags, e.g. a fake camera (test/e2e/fake-camera.ts). */
export function launchBrowser(options: { args?: readonly string[] } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...(options.args ?? [])] });
}

/**
 * `describe` for browser tests. Without chromium they are skipped, loudly, on a developer's
 * machine; in CI a missing browser is a failure, so the tests can never vanish silently.
 */
export function describeWithBrowser(name: string, fn: () => void): void {
  if (browserAvailable) {
    describe(name, fn);
    return;
  }
  const why = `${CHROMIUM_PATH} not found: install it with \`apt-get install -y chromium\``;
  if (process.env.CI === 'true') {
    throw new Error(`Browser tests "${name}" cannot run in CI: ${why}`);
  }
  const bar = '!'.repeat(72);
  console.warn(`\n${bar}\n!! SKIPPING BROWSER TESTS: ${name}\n!! ${why}\n${bar}\n`);
  describe.skip(name, fn);
}

/** One browser for the file (or the describe block it is called in): launched before its tests, closed after. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet');
    return browser;
  };
}

/**
 * A browser test of code that behaves differently in a secure context (client/src/lib/secure-context/:
 * the clipboard, random ids, the service worker, the camera): it runs once per origin
 * (`PAGE_ORIGINS`), on 127.0.0.1 (secure, as behind HTTPS) and over plain HTTP at a name that is not
 * localhost, as a room's server is reached. Both runs share one browser. Within it, a test that uses
 * none of that code is registered with `inRoomOnly(origin)` instead of `it`.
 */
export function describeOnEveryOrigin(name: string, fn: (origin: PageOrigin, browser: () => Browser) => void): void {
  describeWithBrowser(name, () => {
    const browser = sharedBrowser();
    describe.each(PAGE_ORIGINS)('$label', (origin) => fn(origin, browser));
  });
}

/**
 * Browser tests of pages that use nothing secure-context-dependent: they run where a room runs
 * them, over plain HTTP at a name that is not localhost (the case our suite once missed).
 */
export function describeInRoom(name: string, fn: (origin: PageOrigin, browser: () => Browser) => void): void {
  describeWithBrowser(name, () => {
    const browser = sharedBrowser();
    describe(PLAIN_HTTP.label, () => fn(PLAIN_HTTP, browser));
  });
}

/**
 * `it` inside `describeOnEveryOrigin` for a test that uses nothing secure-context-dependent:
 * registered over plain HTTP only, so the secure origin repeats only what differs there.
 */
export function inRoomOnly(origin: PageOrigin): (name: string, fn: () => Promise<void>, timeout?: number) => void {
  return (name, fn, timeout) => {
    if (origin.kind === 'plain-http') it(name, fn, timeout);
  };
}

/**
 * Fails unless `page` runs where the test says it does: the plain-HTTP run must not pass by
 * landing on a secure origin, where APIs exist that a room's pages do not have.
 */
export async function expectOrigin(page: Page, origin: PageOrigin): Promise<void> {
  const seen = await page.evaluate('({ secure: window.isSecureContext, host: window.location.hostname })');
  expect(seen).toEqual({ secure: origin.secure, host: origin.kind === 'plain-http' ? PLAIN_HTTP_HOST : '127.0.0.1' });
}

/**
 * Collects what a page throws and logs as an error, to assert that nothing went wrong unseen.
 * With `offline`, the browser's own reports of requests refused while the test has taken the
 * network away are expected and left out.
 */
export function pageErrors(page: Page, options: { offline?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (options.offline && message.text().includes('net::ERR_INTERNET_DISCONNECTED')) return;
    errors.push(message.text());
  });
  return errors;
}

/**
 * The header badge's connection status (`connected`, `reconnecting`, `unreachable`, …), read from
 * its class: its text also carries a visually hidden label, so comparing the text proves nothing.
 */
export async function connectionStatus(page: Page): Promise<string> {
  const classes = (await page.locator('.connection').getAttribute('class')) ?? '';
  return /\bconnection-(\w+)/.exec(classes)?.[1] ?? '';
}

/** Checks a volunteer in on a station page, as the first thing a volunteer does; waits until the form is gone. */
export async function checkIn(page: Page, name: string, association = 'Hela distriktet (alla listor)'): Promise<void> {
  const form = page.getByTestId('checkin-form');
  await form.getByLabel('Förnamn eller smeknamn').fill(name);
  await form.getByLabel('Jag ringer för').selectOption({ label: association });
  await form.getByRole('button', { name: 'Checka in' }).click();
  await form.waitFor({ state: 'detached' });
}

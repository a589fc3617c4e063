import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe } from 'vitest';

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
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
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

/** Checks a volunteer in on a station page, as the first thing a volunteer does; waits until the form is gone. */
export async function checkIn(page: Page, name: string, association = 'Hela distriktet (alla listor)'): Promise<void> {
  const form = page.getByTestId('checkin-form');
  await form.getByLabel('Förnamn eller smeknamn').fill(name);
  await form.getByLabel('Jag ringer för').selectOption({ label: association });
  await form.getByRole('button', { name: 'Checka in' }).click();
  await form.waitFor({ state: 'detached' });
}

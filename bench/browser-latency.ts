// The number a volunteer feels: in Chromium, from the outcome key to the next contact painted on
// the station page, while other stations call (each one cycle a second: sixty times a volunteer's
// pace; a closed loop would empty the demo's 97 k contacts before 200 presses are done). Timed
// inside the page (the key event's own timestamp to the first frame after the new number is in
// the DOM), so the driving process's lateness under the load it generates is not counted.
import { errors, type Page } from 'playwright-core';
import { checkIn, launchBrowser } from '../test/e2e/browser.ts';
import { closeAll, connectStations, keepCalling } from './load.ts';
import { sleep } from './stats.ts';

/** Outcomes that need no second step (no time to pick, no language, no confirmation). */
const KEYS = ['1', '3', '5', '6', '7', '8'];
const WARM_UP_PRESSES = 10;

/**
 * Installed before the page's own scripts: records each press and the paint of the number after it.
 * A string, not a function: tsx's transform would put helpers into a function's source that the page lacks.
 */
const WATCH_PRESSES = `(() => {
  const watch = { samples: [], pending: null };
  window.benchLatency = watch;
  const phone = () => document.querySelector('a.contact-phone')?.textContent ?? null;
  addEventListener('keydown', (event) => { watch.pending = { from: event.timeStamp, phone: phone() }; }, { capture: true });
  new MutationObserver(() => {
    const press = watch.pending;
    const shown = phone();
    if (!press || shown === null || shown === press.phone) return;
    watch.pending = null;
    // requestAnimationFrame runs just before the frame is painted; the task after it, just after.
    requestAnimationFrame(() => setTimeout(() => watch.samples.push(performance.now() - press.from)));
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/** The page's window with the watch; read through self-contained arrows (the page's CSP refuses strings). */
type Watched = { benchLatency: { samples: number[]; pending: { phone: string | null } | null } };
/** The little of the DOM read here (the benchmark compiles without the DOM's types). */
type PageDocument = {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
};

/** What the page shows after a press, for the decision to wait or press again (no contact data). */
function pageState(page: Page): Promise<{ sameNumber: boolean; saving: boolean; alert: string }> {
  return page.evaluate(() => {
    const watch = (globalThis as unknown as Watched).benchLatency;
    const document = (globalThis as unknown as { document: PageDocument }).document;
    return {
      sameNumber: watch.pending !== null && document.querySelector('a.contact-phone')?.textContent === watch.pending.phone,
      saving: document.querySelector('.outcomes button[aria-disabled="true"]') !== null,
      alert: [...document.querySelectorAll('[role="alert"]')].map((element) => element.textContent ?? '').join(' / '),
    };
  });
}

/**
 * Presses `key` and waits for the next contact's paint, however slow the save (that is what the
 * volunteer feels). Only a press the page let pass (the same number shown, nothing being saved)
 * is pressed again, and counted; that sample then runs from the second press.
 */
async function press(page: Page, key: string, done: number): Promise<number> {
  let again = 0;
  const deadline = performance.now() + 120_000;
  await page.keyboard.press(key);
  for (;;) {
    try {
      await page.waitForFunction((count) => (globalThis as unknown as Watched).benchLatency.samples.length > count, done, { timeout: 5_000 });
      return again;
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
    }
    const state = await pageState(page);
    if (performance.now() > deadline || again > 3) throw new Error(`press ${done + 1}: no next contact (${again} presses again; the page says: ${state.alert || 'nothing'})`);
    if (!state.sameNumber || state.saving) continue; // saving, or between contacts: slow, not lost
    again += 1;
    await page.keyboard.press(key);
  }
}

/** The other stations' pace: one cycle per second each. */
export const OTHERS_PERIOD_MS = 1000;

/** Milliseconds from key to painted next contact for `presses` presses by station `tokens[0]`, the others calling. */
export async function pressToPaint(url: string, tokens: string[], presses: number): Promise<{ samples: number[]; pressedAgain: number }> {
  const others = await connectStations(url, tokens.slice(1));
  const browser = await launchBrowser();
  let calling: ReturnType<typeof keepCalling> | undefined;
  try {
    const page = await browser.newPage();
    await page.addInitScript(WATCH_PRESSES);
    await page.goto(`${url}/station#token=${tokens[0]}`);
    await checkIn(page, 'Bench');
    await page.locator('a.contact-phone').waitFor();
    calling = keepCalling(others, OTHERS_PERIOD_MS);
    await sleep(1000);
    let pressedAgain = 0;
    for (let i = 0; i < WARM_UP_PRESSES + presses; i += 1) {
      pressedAgain += await press(page, KEYS[i % KEYS.length]!, i);
      // The page ignores keys for 600 ms after a save (a double press must not record the next
      // contact); a volunteer takes longer than that to read the number anyway.
      await sleep(650);
    }
    const samples = await page.evaluate(() => (globalThis as unknown as Watched).benchLatency.samples);
    return { samples: samples.slice(WARM_UP_PRESSES), pressedAgain };
  } finally {
    await calling?.stop(); // before the sockets close: a cycle cut off mid-way would reject
    await browser.close();
    closeAll(others);
  }
}

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ElementContext, ImpactValue, RunOptions } from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/*
 * Accessibility checks for the browser tests: axe-core's WCAG 2.0/2.1 A and AA rules, reflow at
 * 200 % zoom, and keyboard reach with a visible focus ring.
 *
 * The test project has no DOM lib (server code must not see `window`), so the functions that run in
 * the page name the little of the DOM they touch through the interfaces below.
 */

interface PageElement {
  tagName: string;
  id: string;
  className: unknown;
  textContent: string | null;
  parentElement: PageElement | null;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number; height: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageStyle {
  overflowX: string;
  overflowY: string;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
}
interface PageWindow {
  axe?: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
  document: { documentElement: PageElement; body: PageElement; activeElement: PageElement | null };
  getComputedStyle(element: PageElement): PageStyle;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** Rules from WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
};
const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

export interface AxeFinding {
  rule: string;
  impact: ImpactValue;
  target: string;
  html: string;
  summary: string;
}

const squeeze = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** One line a reader can act on: rule, impact, where, what the markup is, and axe's reason. */
export const formatFinding = (finding: AxeFinding) =>
  `${finding.rule} [${finding.impact}] ${finding.target} — ${finding.html} — ${finding.summary}`;

/**
 * Runs axe-core in the page and returns every violation, one finding per element.
 *
 * axe goes in through `page.evaluate`, not `page.addScriptTag`: the app's Content-Security-Policy
 * (`script-src 'self'`) blocks an inline <script>, while code the browser is told to evaluate over
 * the DevTools protocol is not subject to it. That keeps the CSP on (no `bypassCSP`), so the page
 * under test is the page users get.
 */
export async function axeFindings(page: Page, context?: ElementContext): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => (globalThis as unknown as PageWindow).axe !== undefined);
  if (!loaded) {
    axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
  }
  const violations = await page.evaluate(
    async ({ context, options }) => {
      const win = globalThis as unknown as PageWindow;
      const results = await win.axe!.run(context ?? win.document, options);
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        nodes: violation.nodes.map((node) => ({
          impact: node.impact ?? null,
          target: node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' '),
          html: node.html,
          summary: node.failureSummary ?? violation.help,
        })),
      }));
    },
    { context: context ?? null, options: AXE_OPTIONS },
  );
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      rule: violation.id,
      impact: node.impact ?? violation.impact,
      target: node.target,
      html: squeeze(node.html, 140),
      // "Fix any of the following:" and the like say nothing the rule id does not.
      summary: squeeze(
        node.summary
          .split('\n')
          .filter((line) => !/^Fix (any|all) of the following:?$/.test(line.trim()))
          .join('; '),
        220,
      ),
    })),
  );
}

/**
 * Fails, listing every element at fault, when axe finds a serious or critical violation of
 * WCAG 2.0/2.1 A or AA or of a best practice. Moderate and minor findings are returned, not failed.
 * A soft assertion: the rest of the test still runs and reports its own problems.
 */
export async function expectNoSeriousAxeViolations(page: Page, context?: ElementContext): Promise<AxeFinding[]> {
  const findings = await axeFindings(page, context);
  const blocking = findings.filter((finding) => BLOCKING.includes(finding.impact)).map(formatFinding);
  const dark = await page.evaluate<boolean>("matchMedia('(prefers-color-scheme: dark)').matches");
  const where = `${new URL(page.url()).pathname} "${await page.title()}" in the ${dark ? 'dark' : 'light'} colour scheme`;
  expect.soft(blocking, `serious or critical axe violations on ${where}`).toEqual([]);
  return findings;
}

/** The CSS has a dark theme for computers set to dark: axe checks the page in both schemes, then light again. */
export async function expectNoSeriousAxeViolationsInBothSchemes(page: Page): Promise<void> {
  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** What a 1280×800 window shows at 200 % zoom: half the CSS pixels, each drawn twice as large. */
export const ZOOM_200 = { width: 640, height: 400, deviceScaleFactor: 2 } as const;

interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  /** The outermost elements reaching past the right edge, outside any scroll container of their own. */
  culprits: string[];
}

/**
 * Emulates 200 % zoom on this page (640×400 CSS px at device scale 2, through the DevTools
 * protocol, since playwright sets the scale only per context) and asserts that the page needs no
 * horizontal scrolling and that each key element is visible and shown whole: inside the viewport's
 * width, not cut off sideways by a scroll box, not cut off below by an ancestor nobody can scroll.
 * Soft assertions; the page's own viewport comes back afterwards. `screenshot` saves the zoomed page.
 */
export async function expectReadableAtZoom(page: Page, keyElements: readonly Locator[], options: { screenshot?: string } = {}): Promise<void> {
  const before = page.viewportSize();
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...ZOOM_200, mobile: false });
    await expect.poll(() => page.evaluate<number[]>('[innerWidth, devicePixelRatio]')).toEqual([ZOOM_200.width, ZOOM_200.deviceScaleFactor]);
    // Container queries and media queries settle with the next frame.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');

    const overflow = await page.evaluate((): Overflow => {
      const win = globalThis as unknown as PageWindow;
      const root = win.document.documentElement;
      const edge = root.clientWidth + 1;
      const name = (element: PageElement) => {
        const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/).filter(Boolean) : [];
        const testId = element.getAttribute('data-testid');
        return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes.map((c) => `.${c}`).join('')}${testId ? `[data-testid="${testId}"]` : ''}`;
      };
      const path = (element: PageElement) => {
        const parts: string[] = [];
        for (let at: PageElement | null = element; at && at !== win.document.body && parts.length < 4; at = at.parentElement) parts.unshift(name(at));
        return parts.join(' > ');
      };
      const scrollsItself = (element: PageElement | null): boolean => {
        for (let at = element; at && at !== root; at = at.parentElement) {
          const style = win.getComputedStyle(at);
          if (style.overflowX !== 'visible' && style.overflowX !== 'clip') return true;
        }
        return false;
      };
      const culprits: string[] = [];
      const seen = new Set<PageElement>();
      for (const element of win.document.body.querySelectorAll('*')) {
        const rect = element.getBoundingClientRect();
        if (rect.right <= edge || rect.width === 0) continue;
        if (scrollsItself(element.parentElement)) continue;
        let parent = element.parentElement;
        while (parent && !seen.has(parent)) parent = parent.parentElement;
        seen.add(element);
        if (parent) continue; // an ancestor already reaches past the edge
        culprits.push(`${path(element)} (right edge at ${Math.round(rect.right)} px)`);
      }
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits: culprits.slice(0, 8) };
    });
    expect
      .soft(overflow.scrollWidth, `horizontal scrolling at 200 % zoom on ${new URL(page.url()).pathname}: ${overflow.culprits.join('; ') || 'no element found'}`)
      .toBeLessThanOrEqual(overflow.clientWidth + 1);

    for (const element of keyElements) {
      // Measured in the page: playwright's boundingBox does not know about the scale set above.
      const box = (await element.isVisible()) ? await element.evaluate((target: PageElement) => target.getBoundingClientRect()) : null;
      expect.soft(box, `${element} is not visible at 200 % zoom`).not.toBeNull();
      if (!box) continue;
      expect.soft(box.left, `${element} starts left of the viewport at 200 % zoom`).toBeGreaterThanOrEqual(-1);
      expect.soft(box.right, `${element} reaches past the viewport's right edge at 200 % zoom`).toBeLessThanOrEqual(ZOOM_200.width + 1);
      // Shown whole: neither its own content nor a clipping ancestor cuts it off. Sideways, any
      // clipping counts (zoomed text must not need sideways scrolling); downwards, only clipping
      // nobody can scroll past (overflow hidden or clip).
      const cut = await element.evaluate((target: PageElement) => {
        const win = globalThis as unknown as PageWindow;
        if (target.clientWidth > 0 && target.scrollWidth > target.clientWidth + 1) return `its content is ${target.scrollWidth - target.clientWidth} px wider than its box`;
        const rect = target.getBoundingClientRect();
        for (let at = target.parentElement; at; at = at.parentElement) {
          const style = win.getComputedStyle(at);
          const frame = at.getBoundingClientRect();
          const where = `${at.tagName.toLowerCase()}${typeof at.className === 'string' && at.className ? `.${at.className.trim().split(/\s+/).join('.')}` : ''}`;
          if (style.overflowX !== 'visible' && (rect.left < frame.left - 1 || rect.right > frame.right + 1)) return `${where} (overflow-x: ${style.overflowX}) cuts it off at the side`;
          if ((style.overflowY === 'hidden' || style.overflowY === 'clip') && (rect.top < frame.top - 1 || rect.bottom > frame.bottom + 1)) return `${where} (overflow-y: ${style.overflowY}) cuts it off, and nothing scrolls to it`;
        }
        return null;
      });
      expect.soft(cut, `${element} is clipped at 200 % zoom`).toBeNull();
    }
    if (options.screenshot) {
      // Through the protocol too: playwright's own screenshot would put its device metrics back.
      const { cssContentSize } = await cdp.send('Page.getLayoutMetrics');
      const clip = { x: 0, y: 0, width: ZOOM_200.width, height: Math.ceil(cssContentSize.height), scale: 1 };
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true });
      writeFileSync(options.screenshot, Buffer.from(data, 'base64'));
    }
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
    // playwright's own emulation comes back with its viewport.
    if (before) await page.setViewportSize(before);
  }
}

/** A readable name for the focused element, for failure messages. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const win = globalThis as unknown as PageWindow;
    const element = win.document.activeElement;
    if (!element || element === win.document.body) return '(nothing: the page itself)';
    const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
    const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes} "${label.replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
  });
}

const isFocused = (target: Locator) =>
  target.evaluate((element: PageElement) => element === (globalThis as unknown as PageWindow).document.activeElement, undefined, { timeout: 2_000 }).catch(() => false);

/**
 * Presses Tab until `target` has focus, as a keyboard user would; fails after `maxTabs` presses
 * with the path focus took. Returns how many presses it needed.
 */
export async function tabUntil(page: Page, target: Locator, maxTabs = 40): Promise<number> {
  const path: string[] = [];
  for (let presses = 0; presses <= maxTabs; presses += 1) {
    if (await isFocused(target)) return presses;
    if (presses === maxTabs) break;
    await page.keyboard.press('Tab');
    path.push(await describeFocus(page));
  }
  throw new Error(`${target} not reached with ${maxTabs} Tab presses; focus went: ${path.join(' → ')}`);
}

/** Asserts that the focused element draws a focus indicator: an outline or a box shadow. */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const win = globalThis as unknown as PageWindow;
    const element = win.document.activeElement;
    if (!element || element === win.document.body) return null;
    const style = win.getComputedStyle(element);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineColor !== 'transparent';
    return { outline, boxShadow: style.boxShadow !== 'none' };
  });
  const focused = await describeFocus(page);
  expect(ring, 'nothing has focus').not.toBeNull();
  expect(ring!.outline || ring!.boxShadow, `no visible focus indicator (outline or box-shadow) on ${focused}`).toBe(true);
}

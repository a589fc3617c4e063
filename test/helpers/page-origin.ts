/**
 * Where a browser opens the pages in a test. Chromium treats 127.0.0.1 as a secure context, so a
 * suite run only there passes with APIs a room never has: a room's server is reached over plain
 * HTTP at its address on the local network. The plain-HTTP origin is a name Chromium resolves to
 * 127.0.0.1 (`--host-resolver-rules`, see test/e2e/browser.ts), so no network is involved.
 */
export interface PageOrigin {
  kind: 'loopback' | 'plain-http';
  /** What `window.isSecureContext` must be on a page opened there. */
  secure: boolean;
  label: string;
}

export const PLAIN_HTTP_HOST = 'ringstuga.test';

export const LOOPBACK: PageOrigin = { kind: 'loopback', secure: true, label: 'on 127.0.0.1 (a secure context)' };
export const PLAIN_HTTP: PageOrigin = {
  kind: 'plain-http',
  secure: false,
  label: `over plain HTTP at ${PLAIN_HTTP_HOST}, as in a room (not a secure context)`,
};

/** Tests of secure-context-dependent code run on both; every other browser test over plain HTTP. */
export const PAGE_ORIGINS: readonly PageOrigin[] = [LOOPBACK, PLAIN_HTTP];

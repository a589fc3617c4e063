import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.ts';
import { throwawayCertificate } from '../../helpers/throwaway-certificate.ts';

const first = throwawayCertificate();
const second = throwawayCertificate();
afterAll(() => {
  first.cleanup();
  second.cleanup();
});

describe('TLS_CERT and TLS_KEY', () => {
  it('serve HTTPS with both files read at start, and plain HTTP with neither', () => {
    const config = loadConfig({ TLS_CERT: first.certPath, TLS_KEY: first.keyPath });
    expect(config.tls?.cert.toString()).toBe(first.cert);
    expect(config.tls?.key.toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(loadConfig({}).tls).toBeUndefined();
    // An empty variable (as a compose file writes it) means unset.
    expect(loadConfig({ TLS_CERT: '', TLS_KEY: '' }).tls).toBeUndefined();
  });

  it('stop the start with a clear message when only one is set', () => {
    expect(() => loadConfig({ TLS_CERT: first.certPath })).toThrow(/TLS_CERT and TLS_KEY go together/);
    expect(() => loadConfig({ TLS_KEY: first.keyPath })).toThrow(/TLS_CERT and TLS_KEY go together/);
  });

  it('stop the start naming the file that cannot be read', () => {
    expect(() => loadConfig({ TLS_CERT: '/nonexistent/cert.pem', TLS_KEY: first.keyPath })).toThrow(
      /TLS_CERT: cannot read \/nonexistent\/cert\.pem \(ENOENT\)/,
    );
    expect(() => loadConfig({ TLS_CERT: first.certPath, TLS_KEY: '/nonexistent/key.pem' })).toThrow(/TLS_KEY: cannot read/);
  });

  it('stop the start when the key is not the certificate\'s, or a file is not PEM, without printing the key', () => {
    const mismatch = () => loadConfig({ TLS_CERT: first.certPath, TLS_KEY: second.keyPath });
    expect(mismatch).toThrow(/not a usable certificate and key/);
    const junk = `${first.certPath}.junk`;
    writeFileSync(junk, 'not a certificate');
    expect(() => loadConfig({ TLS_CERT: junk, TLS_KEY: first.keyPath })).toThrow(/not a usable certificate and key/);
    try {
      mismatch();
    } catch (error) {
      expect((error as Error).message).not.toContain('PRIVATE KEY');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { personalTokenFrom } from '../../../../client/src/station/personal-token.ts';

const TOKEN = 'Abc123_-Abc123_-Abc123_-Abc123_-';

describe('the personal token a volunteer pastes or a QR code reads at check-in', () => {
  it('is read from the personal link, its cancel link or the bare token, spaces around it ignored', () => {
    expect(personalTokenFrom(`http://ringstuga.test/me#token=${TOKEN}`)).toBe(TOKEN);
    expect(personalTokenFrom(`  https://bank.example.org/me#token=${TOKEN}&cancel=17\n`)).toBe(TOKEN);
    expect(personalTokenFrom(TOKEN)).toBe(TOKEN);
  });

  it('is nothing for a link without a token, a short or odd text, or an empty field', () => {
    for (const text of ['', '   ', 'https://example.org/nothing-here', 'http://x/me#cancel=3', 'abc', 'Anna Svensson 070-123 45 67', `${TOKEN}<script>`]) {
      expect(personalTokenFrom(text), text).toBeNull();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { campaignZone, onCampaignClock, setCampaignZone } from '../../../../client/src/lib/campaign-clock.ts';

afterEach(() => setCampaignZone('Europe/Stockholm'));

describe('an answer that names the campaign clock', () => {
  it('sets the clock when it succeeded and leaves it when it failed', () => {
    const failed = { ok: false as const, message: 'nej', lasting: false };
    expect(onCampaignClock(failed)).toBe(failed);
    expect(campaignZone()).toBe('Europe/Stockholm');
    const answer = { ok: true as const, data: { timeZone: 'America/New_York', sessions: [] } };
    expect(onCampaignClock(answer)).toBe(answer);
    expect(campaignZone()).toBe('America/New_York');
  });
});

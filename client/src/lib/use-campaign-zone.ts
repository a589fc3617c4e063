import { useSyncExternalStore } from 'react';
import { campaignZone, onCampaignZone } from './campaign-clock.ts';

/**
 * The campaign's time zone, re-rendering the caller when an answer names another: a page whose
 * panels load apart shows every time on the campaign's clock, whichever answer told it first.
 */
export function useCampaignZone(): string {
  return useSyncExternalStore(onCampaignZone, campaignZone);
}

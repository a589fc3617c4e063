import type { ListBreakdown } from '@ringstuga/shared';

/** Every contact on a list is in exactly one of these, so the counts add up to the list's size. */
export const BREAKDOWN = [
  'ready',
  'held',
  'callbackWaiting',
  'coolingDown',
  'waitingForSpeaker',
  'doNotCall',
  'outOfAttempts',
  // Through another list (or the register): an association is told no more than this.
  'notOffered',
  'done',
] as const satisfies readonly (keyof ListBreakdown['counts'])[];

/** Still to be called: offered now, being called, or waiting for a time; the rest are finished. */
export function remainingOf(counts: ListBreakdown['counts']): number {
  return counts.ready + counts.held + counts.callbackWaiting + counts.coolingDown + counts.waitingForSpeaker;
}

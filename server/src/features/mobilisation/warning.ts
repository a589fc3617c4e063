const DAY_MS = 24 * 60 * 60 * 1000;

/** MOBILISATION_WARNING_DAYS and MOBILISATION_WARNING_PERCENT. */
export interface WarningRule {
  days: number;
  percent: number;
}

/**
 * The early warning: a session not yet started, starting within `days`, with fewer places booked
 * than `percent` of its capacity. A week ahead is still time to ring round; a session already
 * running is the room board's business.
 */
export function underFilled(session: { startsAt: number; capacity: number; booked: number }, now: number, rule: WarningRule): boolean {
  const ahead = session.startsAt - now;
  return ahead > 0 && ahead <= rule.days * DAY_MS && session.booked < (session.capacity * rule.percent) / 100;
}

/**
 * The campaign's clock: calling hours, call-back times and every time shown are in the server's
 * time zone (sent in station:hello, the board's state, and the planning, sign-up, personal and
 * association pages' answers), whatever zone the device is set to.
 */
let zone = 'Europe/Stockholm';
const listeners = new Set<() => void>();

export function setCampaignZone(timeZone: string): void {
  if (timeZone === zone) return;
  zone = timeZone;
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the zone changes (use-campaign-zone.ts); returns the unsubscribe. */
export function onCampaignZone(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** An answer that names the campaign's clock sets it, and is passed on as it is. */
export function onCampaignClock<A extends { ok: true; data: { timeZone: string } } | { ok: false }>(answer: A): A {
  if (answer.ok) setCampaignZone(answer.data.timeZone);
  return answer;
}

export function campaignZone(): string {
  return zone;
}

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** What a wall clock in the campaign's zone shows at `instant`. */
export function wallClockAt(instant: number): WallClock {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partsFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Minutes the campaign's zone is ahead of UTC at `instant` (60 in a Swedish winter). */
export function offsetMinutesAt(instant: number): number {
  const clock = wallClockAt(instant);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant the campaign's wall clock shows `clock` (day overflow allowed, e.g. day 32). */
export function instantOf(clock: WallClock): number {
  const guess = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  // Twice: the offset at the guess can differ from the offset at the answer near a DST change.
  const first = guess - offsetMinutesAt(guess) * 60_000;
  return guess - offsetMinutesAt(first) * 60_000;
}

import { campaignZone } from './campaign-clock.ts';

/** Times are shown as the phone bank sees them: Swedish wording, the campaign's clock. */
const formats = new Map<string, { dateTime: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let found = formats.get(timeZone);
  if (!found) {
    found = {
      dateTime: new Intl.DateTimeFormat('sv-SE', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
      time: new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit' }),
    };
    formats.set(timeZone, found);
  }
  return found;
}

/** E.g. "tors 14 nov. 18:00". */
export function formatDateTime(iso: string | Date): string {
  return formatsFor(campaignZone()).dateTime.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** E.g. "18:00". */
export function formatTime(iso: string | Date): string {
  return formatsFor(campaignZone()).time.format(typeof iso === 'string' ? new Date(iso) : iso);
}

import { currentLocale } from '../i18n/locale.ts';
import { campaignZone } from './campaign-clock.ts';

/**
 * Times are shown in the page's language but always on the campaign's clock: a volunteer who
 * reads English still books call-backs in the phone bank's time zone.
 */
const formats = new Map<string, { dateTime: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formatsFor(locale: string, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    found = {
      dateTime: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }),
    };
    formats.set(key, found);
  }
  return found;
}

/** E.g. "tors 14 nov. 18:00", or "Thu 14 Nov, 18:00". */
export function formatDateTime(iso: string | Date): string {
  return formatsFor(currentLocale(), campaignZone()).dateTime.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** E.g. "18:00", in either language. */
export function formatTime(iso: string | Date): string {
  return formatsFor(currentLocale(), campaignZone()).time.format(typeof iso === 'string' ? new Date(iso) : iso);
}

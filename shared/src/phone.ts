// The `max` metadata checks digit patterns, not only lengths (the default `min`
// accepts unused ranges such as 0741234567). The client never imports this file.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export const DEFAULT_REGION: CountryCode = 'SE';

// Swedish mobile numbers, the bulk of any call list, as the `max` metadata defines them (070, 072,
// 073, 076, 078, 079 and seven digits). Recognised without libphonenumber, which takes ~10 µs a
// number: a 100 k-row import spent most of its time there, and a PostgreSQL node ~4 % of its CPU
// showing the claimed contact's number. test/unit/shared/phone.test.ts checks that both fast paths
// agree with libphonenumber, so a metadata change that moved a range would show.
const SWEDISH_MOBILE = /^7[023689]\d{7}$/;
const PUNCTUATION = /[\s\-().]/g;
const ONLY_DIGITS = /^\+?\d+$/;

function swedishMobile(input: string): string | null {
  const compact = input.replace(PUNCTUATION, '');
  if (!ONLY_DIGITS.test(compact)) return null;
  const national = compact.startsWith('+46') ? compact.slice(3) : compact.startsWith('0046') ? compact.slice(4) : compact.startsWith('0') ? compact.slice(1) : null;
  return national !== null && SWEDISH_MOBILE.test(national) ? `+46${national}` : null;
}

/** E.164 form of a phone number written in any common way, or null if it is not a valid number. */
export function normalisePhone(input: string, region: CountryCode = DEFAULT_REGION): string | null {
  if (region === 'SE') {
    const mobile = swedishMobile(input);
    if (mobile) return mobile;
  }
  const parsed = parsePhoneNumberFromString(input.trim(), region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** How a stored E.164 number is shown: national format for Swedish numbers, international otherwise. */
export function formatPhoneForDisplay(e164: string, region: CountryCode = DEFAULT_REGION): string {
  if (region === 'SE' && e164.startsWith('+46') && SWEDISH_MOBILE.test(e164.slice(3))) {
    // A stored mobile, shown without libphonenumber too (every claim shows one), in its national format: 070-123 45 67.
    return `0${e164.slice(3, 5)}-${e164.slice(5, 8)} ${e164.slice(8, 10)} ${e164.slice(10)}`;
  }
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

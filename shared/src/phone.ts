// The `max` metadata checks digit patterns, not only lengths (the default `min`
// accepts unused ranges such as 0741234567). The client never imports this file.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export const DEFAULT_REGION: CountryCode = 'SE';

/** E.164 form of a phone number written in any common way, or null if it is not a valid number. */
export function normalisePhone(input: string, region: CountryCode = DEFAULT_REGION): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** How a stored E.164 number is shown: national format for Swedish numbers, international otherwise. */
export function formatPhoneForDisplay(e164: string, region: CountryCode = DEFAULT_REGION): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

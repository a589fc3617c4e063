import type { ImportField, ImportMapping } from '@ringstuga/shared';

// Column names as associations write them, Swedish and English. They are compared by a key:
// lower case, accents folded (so "Fornamn" typed without ö still matches "förnamn"), and
// everything but letters and digits removed ("Kontakt-ID", "phone_number", " Namn: ").
// Digits stay: "Telefon 2" is the alternative number, not a second "Telefon".

const SYNONYMS: Record<ImportField, readonly string[]> = {
  name: ['namn', 'name', 'fullständigt namn', 'full name'],
  phone: [
    'telefon',
    'telefonnummer',
    'tel',
    'mobil',
    'mobilnummer',
    'mobiltelefon',
    'phone',
    'phone number',
    'mobile',
    'cell',
  ],
  // Member registers export a mobile and a home (or work) number side by side.
  altPhone: [
    'telefon 2',
    'tel 2',
    'mobil 2',
    'telefon hem',
    'tel hem',
    'hemtelefon',
    'hemnummer',
    'telefon bostad',
    'bostadstelefon',
    'fast telefon',
    'fast tel',
    'telefon fast',
    'telefon arbete',
    'arbetstelefon',
    'alternativt nummer',
    'alternativt telefonnummer',
    'annat nummer',
    'alt phone',
    'alternative phone',
    'other phone',
    'phone 2',
    'home phone',
    'work phone',
    'landline',
  ],
  votingDistrict: ['valdistrikt', 'valdistriktskod', 'distrikt', 'district', 'voting district', 'precinct'],
  priority: ['prioritet', 'prio', 'priority'],
  preferredLanguage: ['språk', 'sprak', 'modersmål', 'language', 'preferred language'],
  externalId: ['id', 'medlemsnummer', 'medlemsnr', 'kontakt-id', 'external id', 'member id'],
};

// Lists exported from member registers often split the name; the parser joins the two.
const FIRST_NAME = ['förnamn', 'fornamn', 'first name', 'given name'];
const LAST_NAME = ['efternamn', 'last name', 'surname', 'family name'];

const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

/** The comparison key of a column name. */
export function headerKey(header: string): string {
  return header.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

type Role = ImportField | 'firstName' | 'lastName';

const ROLE_BY_KEY = new Map<string, Role>();
for (const [field, names] of Object.entries(SYNONYMS) as [ImportField, readonly string[]][]) {
  for (const name of names) ROLE_BY_KEY.set(headerKey(name), field);
}
for (const name of FIRST_NAME) ROLE_BY_KEY.set(headerKey(name), 'firstName');
for (const name of LAST_NAME) ROLE_BY_KEY.set(headerKey(name), 'lastName');

export interface RecognisedHeaders {
  /** Each field to the header (as written in the file) that fills it. */
  mapping: ImportMapping;
  /** First- and last-name columns to join with a space, when the file has no single name column. */
  nameParts?: [first: string, last: string];
}

/**
 * Which column fills which field, guessed from the headers. The leftmost matching column wins a
 * field, so a file with both "Telefon" and "Mobil" calls the first; every header fills at most
 * one field, since the keys of different fields never coincide. A second number is never
 * dropped: without a second-number column, the second phone column is the alternative number;
 * without any phone column, the first second-number column is the number to call.
 */
export function recogniseHeaders(headers: string[]): RecognisedHeaders {
  const mapping: ImportMapping = {};
  let first: string | undefined;
  let last: string | undefined;
  const phones: string[] = [];
  const altPhones: string[] = [];
  for (const header of headers) {
    const role = ROLE_BY_KEY.get(headerKey(header));
    if (role === undefined) continue;
    if (role === 'firstName') first ??= header;
    else if (role === 'lastName') last ??= header;
    else if (role === 'phone') phones.push(header);
    else if (role === 'altPhone') altPhones.push(header);
    else mapping[role] ??= header;
  }
  const [phone, altPhone] = phones.length > 0 ? [phones[0], altPhones[0] ?? phones[1]] : altPhones;
  if (phone !== undefined) mapping.phone = phone;
  if (altPhone !== undefined) mapping.altPhone = altPhone;
  if (mapping.name !== undefined) return { mapping };
  if (first !== undefined && last !== undefined) return { mapping, nameParts: [first, last] };
  // Only one of the two: it is the best name there is (a list of first names is common enough).
  const single = first ?? last;
  if (single !== undefined) mapping.name = single;
  return { mapping };
}

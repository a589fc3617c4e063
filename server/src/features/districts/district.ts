// Voting districts as lists write them, turned into one spelling per district, so one district is
// never counted as two; and a cell that is no district (an address, a person) is never stored.
//
// A district is either
// - a code ("valdistriktskod"): 8 digits, county (2) + municipality (2) + district (4), e.g.
//   01270014. Spaces, dashes and dots between the digits are dropped ("0127 0014", "0127-0014"),
//   and a leading zero a spreadsheet dropped by storing the code as a number is put back
//   ("1270014"). A code followed by the district's name ("0127 0014 Tensta 1") is the code.
// - a district's number within its municipality (a list of one municipality): 1 to 4 digits,
//   written as the code's last 4 ("14" and "0014" are 0014).
// - a name, as the election authority writes them ("Bromma kyrka 3", "Tensta 1", "Västra
//   Hisingen 12", "Övertorneå norra"): letters and digits, with spaces, hyphens, dots, commas,
//   apostrophes, quotes, brackets, "&" and "/"; at most 60 characters and 6 words; a letter.
//   Kept as written, its runs of spaces made one.
// Anything else is refused, with the reason:
// - like an address: a street word (…gatan, …gata, …vägen, …väg, …gränd, …stig, …allé, …backe,
//   …torg, …plan, …leden, …kajen, street, road) followed by a house number, a postcode
//   ("123 45"), "lgh" (a flat's number) or "c/o";
// - like a person: a name ending like a Nordic surname (…sson, …dotter, …dottir, with a
//   genitive s), an e-mail address, or a run of six digits or more (a phone number);
// - not recognised: other digits than a code (6), other characters, or too long for a district.
// Digits alone that are no code are a postcode (5) or a phone number (9 or more).
// These are rules of thumb. They cannot tell every place name from every personal name, so a
// person called "Tensta" gets through and a district named after a street with a number does
// not; the code is the spelling that is always understood.

export type DistrictProblem = 'district_like_address' | 'district_like_person' | 'district_not_recognised';

export type DistrictCell = { district: string | null; problem?: undefined } | { district?: undefined; problem: DistrictProblem };

const CODE_SEPARATORS = /[\s\-–.]/g;
const DIGITS = /^\d+$/;
const CODE_LENGTH = 8;
const LOCAL_LENGTH = 4;
const POSTCODE_LENGTH = 5;
// A code with the district's name after it: the code is enough.
const LEADING_CODE = /^(\d{4}[\s\-–]?\d{4}|\d{7})(?:\s*[-–:,]\s*|\s+)(?=\p{L})/u;

const NAME = /^[\p{L}\p{N}"“”][\p{L}\p{N} .,'’"“”()&/\-–]*$/u;
const LETTER = /\p{L}/u;
const MAX_NAME_LENGTH = 60;
const MAX_NAME_WORDS = 6;
/** A code with its name after it, or a name with runs of spaces, is still no longer than this. */
const MAX_CELL_LENGTH = 2 * MAX_NAME_LENGTH;

const STREET_WORDS = 'gatan|gata|vägen|väg|gränd|gränden|stig|stigen|allé|allén|alle|backe|backen|torg|torget|plan|leden|kajen|street|road';
// From the start of a word only: from every letter, a long word would cost its length squared.
const STREET_AND_NUMBER = new RegExp(`(?<!\\p{L})\\p{L}*(?:${STREET_WORDS})\\s+\\d+\\s*\\p{L}?(?![\\p{L}\\p{N}])`, 'iu');
const POSTCODE = /(?<!\d)\d{3} ?\d{2}(?!\d)/;
const FLAT_OR_CARE_OF = /(?<!\p{L})(?:lgh|c\/o)(?!\p{L})/iu;

const SURNAME = /\p{L}(?:sson|dotter|dottir)s?(?!\p{L})/iu;
const EMAIL = /@/;
const PHONE_LIKE = /\d(?:[\s\-–]?\d){5,}/;

const SPACES = /\s+/g;

/** The code's 8-digit (or a municipality's 4-digit) spelling, or null when the digits are no code. */
function codeFrom(digits: string): string | null {
  if (digits.length === CODE_LENGTH) return digits;
  if (digits.length === CODE_LENGTH - 1) return `0${digits}`;
  if (digits.length <= LOCAL_LENGTH) return digits.padStart(LOCAL_LENGTH, '0');
  return null;
}

/** Why digits are no code: five are a postcode, nine or more a phone number. */
function digitsProblem(digits: string): DistrictProblem {
  if (digits.length === POSTCODE_LENGTH) return 'district_like_address';
  return digits.length > CODE_LENGTH ? 'district_like_person' : 'district_not_recognised';
}

/** Why a name is no district's, or null when it may be one. */
function nameProblem(name: string): DistrictProblem | null {
  // A phone number holds a postcode's digits, and a street may be named after a person.
  if (EMAIL.test(name) || PHONE_LIKE.test(name)) return 'district_like_person';
  if (STREET_AND_NUMBER.test(name) || POSTCODE.test(name) || FLAT_OR_CARE_OF.test(name)) return 'district_like_address';
  if (SURNAME.test(name)) return 'district_like_person';
  if (!NAME.test(name) || !LETTER.test(name) || name.length > MAX_NAME_LENGTH || name.split(' ').length > MAX_NAME_WORDS) {
    return 'district_not_recognised';
  }
  return null;
}

/** A district cell as stored: its one spelling, null when empty, or why it is not a district. */
export function districtFromCell(cell: string): DistrictCell {
  const trimmed = cell.trim();
  if (trimmed === '') return { district: null };
  // No district is this long; a cell of 50 k characters is not read any further.
  if (trimmed.length > MAX_CELL_LENGTH) return { problem: 'district_not_recognised' };
  const leading = LEADING_CODE.exec(trimmed);
  const compact = (leading ? leading[1]! : trimmed).replace(CODE_SEPARATORS, '');
  if (DIGITS.test(compact)) {
    const code = codeFrom(compact);
    return code === null ? { problem: digitsProblem(compact) } : { district: code };
  }
  const name = trimmed.replace(SPACES, ' ');
  const problem = nameProblem(name);
  return problem === null ? { district: name } : { problem };
}

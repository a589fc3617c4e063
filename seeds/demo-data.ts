// Synthetic demo data: a pure function of the seed, so every demo database, test and
// benchmark sees the same persons. Nothing here reads the clock or Math.random.
import {
  DEMO_ASSOCIATIONS,
  MUNICIPALITIES,
  type DemoAssociation,
  type Municipality,
} from './data/municipalities.ts';
import { OTHER_FIRST_NAMES, OTHER_SURNAMES, SWEDISH_FIRST_NAMES, SWEDISH_SURNAMES } from './data/names.ts';

export const DEMO_SEED = 0x52696e67;
export const DEMO_CONTACT_COUNT = 96_971;
/** Persons who are members of two associations and so stand on two lists with one number. */
export const DEMO_SHARED_NUMBERS = 300;

export type Priority = 1 | 2 | 3;

export interface DemoContact {
  association: number; // index into DemoData.associations; each association has one list
  name: string;
  phone: string; // E.164
  votingDistrict: string; // municipality code + four digits
  priority: Priority; // 1 is called first
  preferredLanguage: string | null; // null: the calling language (Swedish)
}

export interface DemoData {
  municipalities: readonly Municipality[];
  associations: readonly DemoAssociation[];
  contacts: DemoContact[];
}

export type Random = () => number;

/** mulberry32: tiny and fast; quality is ample for demo data. Returns values in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const below = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)]!;

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += below(random, 10);
  return out;
}

/** Largest-remainder split of total in proportion to weights; the parts sum to exactly total. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, remainder: x - Math.floor(x) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder.slice(0, left)) parts[i]! += 1;
  return parts;
}

// Mobile ranges that libphonenumber's `max` metadata accepts (7[023689]); 078 is rare, left out.
const MOBILE_PREFIXES = ['70', '72', '73', '76', '79'] as const;
const LANDLINE_SHARE = 0.2;
const NORRTALJE = '0188';

function phoneNumber(random: Random, municipalityCode: string): string {
  if (random() >= LANDLINE_SHARE) return `+46${pick(random, MOBILE_PREFIXES)}${digits(random, 7)}`;
  // Norrtälje keeps its own area code (0176, 5–6 digit subscriber numbers); the rest of the county dials 08.
  if (municipalityCode === NORRTALJE) return `+46176${1 + below(random, 9)}${digits(random, 4 + below(random, 2))}`;
  // 08 numbers have 7 digits after the area code, older ones 6; subscriber numbers never start with 0 or 1.
  return `+468${2 + below(random, 8)}${digits(random, random() < 0.85 ? 6 : 5)}`;
}

function personName(random: Random): string {
  // Given name and surname usually share an origin, but not always.
  const swedish = random() < 0.8;
  const first = swedish === (random() < 0.9) ? SWEDISH_FIRST_NAMES : OTHER_FIRST_NAMES;
  const last = swedish === (random() < 0.9) ? SWEDISH_SURNAMES : OTHER_SURNAMES;
  return `${pick(random, first)} ${pick(random, last)}`;
}

function priority(random: Random): Priority {
  const r = random();
  if (r < 0.15) return 1;
  return r < 0.85 ? 2 : 3;
}

// Roughly one voting district per 1,600 inhabitants, as in Sweden as a whole.
const INHABITANTS_PER_VOTING_DISTRICT = 1_600;

interface DistrictRange {
  first: number;
  count: number;
}

/** Stockholm's city districts share code 0180, so each takes its own block of district numbers. */
function votingDistrictRanges(associations: readonly DemoAssociation[]): DistrictRange[] {
  const next = new Map<string, number>();
  return associations.map((a) => {
    const first = next.get(a.municipalityCode) ?? 1;
    const count = Math.max(4, Math.round(a.population / INHABITANTS_PER_VOTING_DISTRICT));
    next.set(a.municipalityCode, first + count);
    return { first, count };
  });
}

function votingDistrict(random: Random, municipalityCode: string, range: DistrictRange): string {
  return municipalityCode + String(range.first + below(random, range.count)).padStart(4, '0');
}

/**
 * Puts `count` persons on a second association's list by overwriting a contact there, so the
 * total stays exact. Each source and target is used once: no number lands on three lists.
 */
function shareNumbers(random: Random, contacts: DemoContact[], count: number): void {
  const used = new Set<number>();
  let shared = 0;
  while (shared < count) {
    const from = below(random, contacts.length);
    const to = below(random, contacts.length);
    const source = contacts[from]!;
    const target = contacts[to]!;
    if (used.has(from) || used.has(to) || source.association === target.association) continue;
    used.add(from);
    used.add(to);
    contacts[to] = { ...target, name: source.name, phone: source.phone, votingDistrict: source.votingDistrict };
    shared += 1;
  }
}

/** The demo lists' calling script, with its English version. */
export const DEMO_SCRIPT = {
  sv: {
    script:
      'Hej, jag heter … och ringer som volontär från din lokala partiförening. Valet är om några veckor: har du hunnit fundera på vad som är viktigast för dig? … Tack för att du tog dig tid!',
    instructions: 'Fråga, lyssna och anteckna bara det personen själv vill att vi vet. Avsluta vänligt om personen inte vill prata.',
  },
  en: {
    script:
      "Hello, my name is … and I'm a volunteer calling from your local party association. The election is in a few weeks: have you had time to think about what matters most to you? … Thank you for your time!",
    instructions: 'Ask, listen, and note only what the person wants us to know. End kindly if they do not want to talk.',
  },
} as const;

// A stream of its own, so the languages did not change any other field of the data set.
const LANGUAGE_SEED = 0x6c616e67;
/** About 4 % of the demo's persons prefer another language than Swedish (the list's `språk` column). */
const PREFERRED_LANGUAGES: readonly [string, number][] = [
  ['ar', 1.2],
  ['so', 0.6],
  ['fa', 0.6],
  ['ti', 0.3],
  ['fi', 0.6],
  ['en', 0.5],
  ['es', 0.2],
];

function preferLanguages(random: Random, contacts: DemoContact[]): void {
  for (const contact of contacts) {
    let r = random() * 100;
    for (const [language, percent] of PREFERRED_LANGUAGES) {
      r -= percent;
      if (r < 0) {
        contact.preferredLanguage = language;
        break;
      }
    }
  }
}

/** The whole demo data set: 96,971 contacts over one list per association, sized by population. */
export function generateDemoData(seed: number = DEMO_SEED): DemoData {
  const random = mulberry32(seed);
  const associations = DEMO_ASSOCIATIONS;
  const sizes = apportion(
    DEMO_CONTACT_COUNT,
    associations.map((a) => a.population),
  );
  const ranges = votingDistrictRanges(associations);
  const phones = new Set<string>();
  const contacts: DemoContact[] = [];
  associations.forEach((a, association) => {
    for (let i = 0; i < sizes[association]!; i += 1) {
      let phone = phoneNumber(random, a.municipalityCode);
      while (phones.has(phone)) phone = phoneNumber(random, a.municipalityCode);
      phones.add(phone);
      contacts.push({
        association,
        name: personName(random),
        phone,
        votingDistrict: votingDistrict(random, a.municipalityCode, ranges[association]!),
        priority: priority(random),
        preferredLanguage: null,
      });
    }
  });
  shareNumbers(random, contacts, DEMO_SHARED_NUMBERS);
  preferLanguages(mulberry32(seed ^ LANGUAGE_SEED), contacts);
  return { municipalities: MUNICIPALITIES, associations, contacts };
}

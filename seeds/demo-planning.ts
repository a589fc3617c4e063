// Who books what in the demo's calling sessions: a pure function of the session count and the
// capacity, so every demo database shows the same pattern. Nothing here reads the clock.
import { DEMO_SEED, mulberry32, type Random } from './demo-data.ts';
import { SWEDISH_FIRST_NAMES, SWEDISH_SURNAMES } from './data/names.ts';

/** At most this many places per session, so a demo with many stations still shows full sessions. */
export const DEMO_SESSION_CAPACITY = 8;
/** The one session that warns: the second, which starts within the week whenever the demo is made. */
export const WARNING_SESSION_INDEX = 1;
/** Every fifth session, from the fourth on, is full with two people on its waiting list. */
const FULL_EVERY = 5;
const FULL_OFFSET = 3;
const WAITING_IN_FULL = 2;
// PTS keeps 070-174 06 05 … 06 99 for fiction: no real person answers these.
const FICTION_PHONE_FIRST = 605;
const FICTION_PHONE_COUNT = 95;

export interface DemoVolunteer {
  name: string;
  email?: string;
  phone?: string;
  languages: string[];
  /** Index into the associations the demo spreads its volunteers over. */
  association: number;
}

export interface DemoFill {
  /** Places booked through the general sign-up link, per session, waiting list included. */
  general: number[];
  /** The session with a team evening, its places and how many of them its members take. */
  team: { session: number; places: number; taken: number };
}

/** Half the places, rounded up: a session with fewer booked warns. */
const half = (capacity: number) => Math.ceil(capacity / 2);

/**
 * How full each session gets: one under half (the warning), one team evening with a place left
 * in it, every fifth full with a waiting list, the rest half full or more but not full.
 */
export function demoFill(sessionCount: number, capacity: number, teamSession: number, seed: number = DEMO_SEED): DemoFill {
  const random = mulberry32(seed ^ 0x706c616e);
  const teamPlaces = half(capacity);
  const general = Array.from({ length: sessionCount }, (_, i) => {
    if (i === WARNING_SESSION_INDEX) return half(capacity) - 1;
    if (i === teamSession) return capacity - teamPlaces;
    if (i % FULL_EVERY === FULL_OFFSET) return capacity + WAITING_IN_FULL;
    return half(capacity) + Math.floor(random() * (capacity - half(capacity)));
  });
  return { general, team: { session: teamSession, places: teamPlaces, taken: Math.max(1, teamPlaces - 1) } };
}

const asciiLower = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** Invented volunteers, each a different name; most give an email at example.org, some a fiction-range mobile. */
export function demoVolunteers(count: number, associations: number, seed: number = DEMO_SEED): DemoVolunteer[] {
  const random: Random = mulberry32(seed ^ 0x766f6c75);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const names = new Set<string>();
  const volunteers: DemoVolunteer[] = [];
  // Bounded: the name lists hold thousands of combinations, far more than a demo asks for.
  for (let attempt = 0; volunteers.length < count && attempt < count * 20; attempt += 1) {
    const first = pick(SWEDISH_FIRST_NAMES);
    const last = pick(SWEDISH_SURNAMES);
    const name = `${first} ${last}`;
    if (names.has(name)) continue;
    names.add(name);
    const index = volunteers.length;
    const byPhone = index % 4 === 3 && index / 4 < FICTION_PHONE_COUNT;
    volunteers.push({
      name,
      ...(byPhone
        ? { phone: `+46701740${FICTION_PHONE_FIRST + Math.floor(index / 4)}` }
        : { email: `${asciiLower(first)}.${asciiLower(last)}@example.org` }),
      languages: random() < 0.3 ? ['sv', 'en'] : ['sv'],
      association: Math.floor(random() * associations),
    });
  }
  return volunteers;
}

/**
 * Which sessions each of `volunteers` people books, given how many bookings each session gets:
 * session i goes to consecutive people from a rotating start, so bookings spread over everyone
 * and nobody books one session twice (`volunteers` must be at least the largest count).
 */
export function whoBooks(counts: readonly number[], volunteers: number): number[][] {
  const sessions: number[][] = Array.from({ length: volunteers }, () => []);
  counts.forEach((count, session) => {
    const start = (session * 7) % volunteers;
    for (let k = 0; k < Math.min(count, volunteers); k += 1) sessions[(start + k) % volunteers]!.push(session);
  });
  return sessions;
}

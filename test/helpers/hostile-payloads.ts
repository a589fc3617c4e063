// fast-check arbitraries for what an attacker or a broken client sends: wrong types, unknown
// fields, huge and odd unicode strings, negative and fractional numbers, far dates, deep nesting.
import fc from 'fast-check';
import { OUTCOMES } from '@ringstuga/shared';
import { workbookWithSheet, zipArchive, zipBombWorkbook } from '../factories/import-files.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Strings in any unit, lone surrogates and control characters included. */
export const anyString = fc.string({ unit: 'binary', maxLength: 200 });

/** Long strings of one awkward character, kept under socket.io's 64 kB frame limit once JSON-encoded. */
export const longString = fc
  .constantFrom('x', 'é', '😀', '\u0000', '\ud800', '\udfff', '\u202e', '"', '\\')
  .chain((char) => {
    const encoded = Buffer.byteLength(JSON.stringify(char)) - 2;
    return fc.integer({ min: 1_001, max: Math.floor(50_000 / encoded) }).map((count) => char.repeat(count));
  });

export const oddNumber = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 0.5, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_VALUE, 1e308),
);

export const nanLikeString = fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', 'null', '-1', '1e309', '0x10', ' 1 ', '');

/** Dates a station could never mean: year 0, year 9999, long past, or not a date at all. */
export const farDate = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-09-01T25:00:00Z',
    '2026-09-01',
    'tomorrow',
  ),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .filter((date) => Math.abs(date.getTime() - Date.now()) > 400 * DAY_MS)
    .map((date) => date.toISOString()),
  nanLikeString,
  oddNumber,
);

/** Arrays nested deeper than any payload needs. */
export const nestedArray = fc.integer({ min: 50, max: 2_000 }).map((depth) => {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
});

export const anything = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  stringUnit: 'binary',
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
});

/**
 * Text that a spreadsheet would run as a formula once it splits the cell on `,` `;` or a tab
 * (CSV injection, also behind a separator inside a note or name), each as a station or an import sends it.
 */
export const FORMULA_TEXTS = [
  'Trevlig;=HYPERLINK("http://x","y")',
  'Trevlig;=1+1',
  'a,=1+1',
  'x\t@SUM(A1)',
  '=HYPERLINK("http://x","y")',
  '+46701234567',
  '-2+3;+1',
  '\t=1',
  '\r=1',
  'a;\t;=1',
  'ok,;-1',
  '"quoted";=1',
  "'=1;=2",
] as const;

/** Random text made of formula characters, separators, quotes and line breaks around formula bodies. */
export const formulaText = fc.oneof(
  fc.constantFrom(...FORMULA_TEXTS),
  fc
    .array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', ',', ';', '"', "'", ' ', 'HYPERLINK("http://x","y")', '1+1', 'SUM(A1)', 'Trevlig', 'å'), {
      minLength: 1,
      maxLength: 12,
    })
    .map((pieces) => pieces.join('')),
);

export const junkValue = fc.oneof(anything, fc.object(), anyString, formulaText, longString, oddNumber, nanLikeString, farDate, nestedArray);
/** JSON drops undefined fields, which would turn a defective report back into a valid one. */
const presentJunk = junkValue.filter((value) => value !== undefined);
/** What the server receives: boxed strings and dates arrive as plain strings. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

const knownOutcomeKeys = new Set(['assignmentId', 'outcome', 'note', 'callbackAt']);
const unknownKey = anyString.filter((key) => !knownOutcomeKeys.has(key));
const notAnOutcome = fc.oneof(anyString, oddNumber, fc.constant(null)).filter((value) => !(OUTCOMES as readonly unknown[]).includes(value));
const outcome = fc.constantFrom(...OUTCOMES);

/**
 * Reports about the station's real assignment, each with exactly one defect, so that none of
 * them may ever be recorded: the id is right, everything else is a trap.
 */
export function nearlyValidReport(assignmentId: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.record({ assignmentId: fc.constant(assignmentId), outcome: notAnOutcome }),
    fc.tuple(outcome, unknownKey, presentJunk).map(([o, key, value]) => ({ assignmentId, outcome: o, [key]: value })),
    fc
      .tuple(outcome, fc.integer({ min: 1_001, max: 20_000 }))
      .map(([o, length]) => ({ assignmentId, outcome: o, note: 'n'.repeat(length) })),
    fc
      .tuple(outcome, presentJunk.filter((note) => typeof overTheWire(note) !== 'string'))
      .map(([o, note]) => ({ assignmentId, outcome: o, note })),
    farDate.map((callbackAt) => ({ assignmentId, outcome: 'call_back', callbackAt })),
    fc.constant({ assignmentId, outcome: 'call_back' }),
    fc
      .tuple(outcome, fc.oneof(oddNumber, anyString, fc.uuid(), fc.constant(assignmentId.toUpperCase())))
      .map(([o, id]) => ({ assignmentId: id, outcome: o })),
  );
}

/** Skips of the real assignment with a defect, or of something that is not an assignment. */
export function nearlyValidSkip(assignmentId: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.tuple(unknownKey, presentJunk).map(([key, value]) => ({ assignmentId, [key]: value })),
    fc.oneof(oddNumber, anyString, fc.uuid(), nestedArray).map((id) => ({ assignmentId: id })),
  );
}

/**
 * What no text a person types may carry: NUL, BEL, ESC (terminal sequences), a lone CR, VT, DEL,
 * C1 controls (U+0085 NEL, U+009B CSI), line and paragraph separators, and direction overrides,
 * embeddings and isolates. Line breaks and tabs alone are fine in notes, messages and scripts.
 */
export const FORBIDDEN_IN_TEXT = [
  '\u0000', '\u0007', '\u001b', '\r', '\u000b', '\u007f', '\u0085', '\u009b',
  '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069',
] as const;

/** Ordinary typed text with one forbidden character inside it (never at an end, where trimming would drop it). */
export const textWithControl = fc
  .tuple(
    fc.constantFrom('Anna', 'Björn', 'سارا', 'Li Wei 😀', 'x'),
    fc.constantFrom(...FORBIDDEN_IN_TEXT),
    fc.constantFrom('Svensson', '[31mröd[0m', 'fdp.exe', 'x'),
  )
  .map(([before, control, after]) => `${before}${control}${after}`);

// Free text that carried people's data past an erasure or a purge (issue 12): districts written
// as addresses or names, and names in what a file, a station, a link or a list is called.

const nameWord = fc.constantFrom('Zelda', 'Anna', 'Kalle', 'Åsa', 'Örjan', 'Secretsdottirs', 'Volontärssons', 'Stor', 'Lilla', 'Norra');
const streetWord = fc.constantFrom('gatan', 'gata', 'vägen', 'väg', 'gränd', 'stigen', 'allé', 'backen', 'torget', 'plan', 'leden');
const houseNumber = fc.tuple(fc.integer({ min: 1, max: 399 }), fc.constantFrom('', 'A', ' B', 'c')).map(([n, letter]) => `${n}${letter}`);

/** A street address as people type it into any column: "Zelda Secretsdottirs gata 5", "Storgatan 12B, 123 45 Tensta". */
export const addressLike = fc.oneof(
  fc.tuple(nameWord, streetWord, houseNumber).map(([name, street, number]) => `${name} ${street} ${number}`),
  fc.tuple(nameWord, streetWord, houseNumber).map(([name, street, number]) => `${name}${street} ${number}`),
  fc
    .tuple(fc.integer({ min: 100, max: 999 }), fc.integer({ min: 10, max: 99 }), fc.constantFrom(' ', ''), nameWord)
    .map(([head, tail, gap, town]) => `${head}${gap}${tail} ${town}`),
);

/** A person, as a district, a label or a list's name: "Anna Andersson", "kalle@example.org", a phone number. */
export const personLike = fc.oneof(
  fc.tuple(nameWord, fc.constantFrom('Andersson', 'Persson', 'Eriksdotter', 'Secretsdottir', 'Johanssons')).map(([first, last]) => `${first} ${last}`),
  nameWord.map((name) => `${name.toLowerCase()}@example.org`),
  fc.tuple(fc.constantFrom('070', '08', '+46 70'), fc.integer({ min: 1_000_000, max: 9_999_999 })).map(([area, rest]) => `${area}-${rest}`),
);

/** One voting district code (8 digits) as spreadsheets and people write it, and the code itself. */
export const districtCodeSpelling = fc
  .tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 }))
  .map(([county, municipality, district]) =>
    `${county}`.padStart(2, '0') + `${municipality}`.padStart(2, '0') + `${district}`.padStart(4, '0'),
  )
  .chain((code) =>
    fc
      .oneof(
        fc.constantFrom(' ', '-', '–', '.', '\u00a0', '').map((gap) => `${code.slice(0, 4)}${gap}${code.slice(4)}`),
        // Stored as a number: the leading zero is gone.
        fc.constant(code.replace(/^0/, '')),
        fc.constant(` ${code.slice(0, 2)} ${code.slice(2, 4)} ${code.slice(4)} `),
      )
      .map((written) => ({ code, written })),
  );

const SHEET_START = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Namn</t></is></c><c r="B1" t="inlineStr"><is><t>Telefon</t></is></c></row>';

/**
 * Files posted as a workbook that must each fail only their own import (400 or 413) or be read
 * (200), small enough to post a few dozen: zip bombs a few MB large, parts that lie about their
 * size, truncated or bit-flipped workbooks, zips of junk, sheets of broken XML, "PK" and noise.
 */
export const hostileWorkbook: fc.Arbitrary<Buffer> = fc.oneof(
  fc.integer({ min: 2, max: 6 }).map((inflatedMb) => zipBombWorkbook({ inflatedMb })),
  fc.integer({ min: 2, max: 6 }).map((inflatedMb) => zipBombWorkbook({ inflatedMb, claimedMb: 1 })),
  fc
    .tuple(fc.constantFrom(workbookWithSheet(`${SHEET_START}</sheetData></worksheet>`)), fc.nat(), fc.integer({ min: 0, max: 255 }))
    .chain(([workbook, at, byte]) =>
      fc.constantFrom(
        workbook.subarray(0, at % workbook.length),
        Buffer.concat([workbook.subarray(0, at % workbook.length), Buffer.from([byte]), workbook.subarray((at % workbook.length) + 1)]),
      ),
    ),
  fc
    .array(fc.record({ name: anyString.map((name) => name.slice(0, 60) || 'x'), data: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)) }), { maxLength: 4 })
    .map((parts) => zipArchive(parts)),
  fc
    .oneof(anyString, fc.constantFrom('<row><c r="ZZZZZZZZ1"><v>1</v></c></row>', '<c t="s"><v>99999</v></c>', '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>', '<row r="-5">'))
    .map((junk) => workbookWithSheet(`${SHEET_START}${junk}</sheetData></worksheet>`)),
  fc.uint8Array({ maxLength: 4_000 }).map((bytes) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from(bytes)])),
);

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

export const junkValue = fc.oneof(anything, fc.object(), anyString, longString, oddNumber, nanLikeString, farDate, nestedArray);
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { districtFromCell } from '../../../server/src/features/districts/district.ts';
import { addressLike, anyString, districtCodeSpelling, longString, personLike } from '../../helpers/hostile-payloads.ts';

// Every name and address is invented.

describe('districtFromCell: codes', () => {
  it.each([
    ['01270014', '01270014'],
    ['0127 0014', '01270014'],
    ['0127-0014', '01270014'],
    ['0127–0014', '01270014'],
    ['0127\u00a00014', '01270014'],
    [' 01 27 00 14 ', '01270014'],
    ['0127.0014', '01270014'],
    // A spreadsheet stored the code as a number and dropped its leading zero.
    ['1270014', '01270014'],
    ['12800101', '12800101'],
    // The code with the district's name after it is the code.
    ['0127 0014 Tensta 1', '01270014'],
    ['01270014 - Tensta 1', '01270014'],
    ['1270014 Tensta 1', '01270014'],
    // A district's number within its municipality.
    ['14', '0014'],
    ['0014', '0014'],
    ['1', '0001'],
  ])('%j is the code %j', (cell, code) => {
    expect(districtFromCell(cell)).toEqual({ district: code });
  });

  it('writes every spelling of one code the same way', () => {
    const spellings = ['01270014', '0127 0014', '0127-0014', '1270014', '0127 0014 Tensta 1'];
    expect(new Set(spellings.map((cell) => districtFromCell(cell).district))).toEqual(new Set(['01270014']));
  });

  it.each([
    ['123456', 'district_not_recognised'],
    ['12345', 'district_like_address'],
    ['123 45', 'district_like_address'],
    ['012700141', 'district_like_person'],
    ['070-123 45 67', 'district_like_person'],
    ['+46 70 123 45 67', 'district_like_person'],
  ])('refuses %j: digits that are no code (%s)', (cell, problem) => {
    expect(districtFromCell(cell)).toEqual({ problem });
  });

  it('reads an empty cell as no district', () => {
    expect(districtFromCell('')).toEqual({ district: null });
    expect(districtFromCell('   ')).toEqual({ district: null });
  });
});

describe('districtFromCell: names', () => {
  it.each([
    'Bromma kyrka 3',
    'Tensta 1',
    'Västra Hisingen 12',
    'Övertorneå norra',
    'Malmö 3',
    'Norra "Gamla" stan',
    'Kiruna C',
    'Husby',
    'Hässelby strand 4',
    'Skärholmen 3',
    'Sankt Görans kyrka 2',
    'Järfälla 1-2',
    'Ale (Nödinge) 1',
    'Stora Tuna/Borlänge 5',
  ])('keeps %j as it is written', (cell) => {
    expect(districtFromCell(cell)).toEqual({ district: cell });
  });

  it('makes runs of spaces one', () => {
    expect(districtFromCell('  Bromma   kyrka\t3 ')).toEqual({ district: 'Bromma kyrka 3' });
  });

  it.each([
    'Zelda Secretsdottirs gata 5',
    'Storgatan 12',
    'Storgatan 12B',
    'Kungsvägen 3 A',
    'Drottningholmsvägen 201, lgh 1102',
    'Solrosgränd 4',
    'Björkallén 7',
    'Lilla torget 2',
    'Tenstaplan 1',
    'Ängsbacken 17',
    'Tensta 163 64',
    '16364 Spånga',
    'Tensta lgh 1204',
    'c/o Berg, Tensta',
    'Baker street 221',
  ])('refuses %j: it looks like an address', (cell) => {
    expect(districtFromCell(cell)).toEqual({ problem: 'district_like_address' });
  });

  it.each([
    'Anna Andersson',
    'Kalle Kassörsson',
    'Zelda Secretsdottir',
    'Sigrid Eriksdotter',
    'Perssons',
    'anna@example.org',
    'Tensta 070-123 45 67',
  ])('refuses %j: it looks like a person', (cell) => {
    expect(districtFromCell(cell)).toEqual({ problem: 'district_like_person' });
  });

  it.each([
    'Tensta; DROP TABLE contacts',
    '=HYPERLINK("http://example.org")',
    '<script>',
    'Ring efter sex, hon är sällan hemma på dagarna',
    'x'.repeat(61),
    '---',
    '1,27E+06',
  ])('refuses %j: no district code or name', (cell) => {
    expect(districtFromCell(cell)).toEqual({ problem: 'district_not_recognised' });
  });
});

describe('districtFromCell: hostile and odd cells', () => {
  it('writes every spelling of a code as the code', () => {
    fc.assert(
      fc.property(districtCodeSpelling, ({ code, written }) => {
        expect(districtFromCell(written)).toEqual({ district: code });
      }),
    );
  });

  it('never keeps an address or a person as a district', () => {
    fc.assert(
      fc.property(fc.oneof(addressLike, personLike), (cell) => {
        expect(districtFromCell(cell).district).toBeUndefined();
      }),
    );
  });

  it('keeps nothing from any cell but a code or a name it would keep again, never throwing', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, longString, addressLike, personLike), (cell) => {
        const { district } = districtFromCell(cell);
        if (district === undefined || district === null) return;
        expect(district).toMatch(/^(?:\d{4}|\d{8}|[^@]{1,60})$/u);
        expect(districtFromCell(district)).toEqual({ district });
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { ListProgress } from '@ringstuga/shared';
import {
  districtKey,
  pairDistricts,
  parseChange,
  parseDistrictResults,
  unmatchedCounts,
} from '../../../../client/src/association/district-results.ts';
import { niceTicks } from '../../../../client/src/charts/ticks.ts';
import { leastSquares, pearson } from '../../../../client/src/lib/correlation.ts';
import { utf8File, windows1252File } from '../../../factories/import-files.ts';

type District = ListProgress['districts'][number];

const district = (code: string, contacts: number, conversations: number): District => ({
  district: code,
  contacts,
  personsCalled: conversations,
  attempts: conversations,
  answered: conversations,
  conversations,
});

const entries = (bytes: Uint8Array | string) => {
  const { results, skipped } = parseDistrictResults(bytes);
  return { results: Object.fromEntries(results), skipped };
};

describe("Pearson's r", () => {
  it('is 1 for a perfect rising line and -1 for a falling one, whatever the scale', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBe(1);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBe(-1);
    expect(pearson([0.1, 0.2, 0.3], [0.3, 0.6, 0.9])).toBe(1);
    expect(pearson([0, 10, 20, 30], [-1.5, -0.5, 0.5, 1.5])).toBe(1);
  });

  it('matches hand-computed examples', () => {
    // Means 3 and 4; Σdxdy = 6, Σdx² = 10, Σdy² = 6, so r = 6/√60 = √0.6.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(Math.sqrt(0.6), 12);
    // Means 2 and 2; Σdxdy = 1, Σdx² = 2, Σdy² = 2, so r = 1/2.
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    // No linear relation at all: a symmetric parabola.
    expect(pearson([-2, -1, 0, 1, 2], [4, 1, 0, 1, 4])).toBe(0);
  });

  it('is null for fewer than three pairs or a series that never varies', () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([1, 2], [3, 5])).toBeNull();
    expect(pearson([2, 2, 2], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [0.1, 0.1, 0.1])).toBeNull();
  });

  it('refuses pairs of unequal length', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(/unequal/);
  });

  it('gives the least-squares line under the same conditions', () => {
    // Slope Σdxdy/Σdx² = 0.6 through the means (3, 4): intercept 2.2.
    const fit = leastSquares([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])!;
    expect(fit.slope).toBeCloseTo(0.6, 12);
    expect(fit.intercept).toBeCloseTo(2.2, 12);
    expect(leastSquares([1, 2], [1, 2])).toBeNull();
  });
});

describe('reading a results file', () => {
  it('reads Swedish Excel: semicolons, a header, decimal commas and every sign', () => {
    const file = windows1252File(['Valdistrikt;Förändring (procentenheter)', '01800101;+2,4', '01800102;-0,5', '01800103;0', '01800104;3,25 %']);
    expect(entries(file)).toEqual({
      results: { '01800101': 2.4, '01800102': -0.5, '01800103': 0, '01800104': 3.25 },
      skipped: 0,
    });
  });

  it('reads commas with decimal points, quoted decimal commas, and no header', () => {
    const file = utf8File(['01800101,2.4', '01800102,"-1,5"', '"01800103",−0.75', '01800104,.5']);
    expect(entries(file)).toEqual({
      results: { '01800101': 2.4, '01800102': -1.5, '01800103': -0.75, '01800104': 0.5 },
      skipped: 0,
    });
  });

  it('reads tabs, a UTF-8 byte-order mark and blank lines', () => {
    const file = utf8File(['Kod\tFörändring', '', '01800101\t+1,0', '01800102\t-2', ''], { bom: true, eol: '\r\n' });
    expect(entries(file)).toEqual({ results: { '01800101': 1, '01800102': -2 }, skipped: 0 });
  });

  it('decodes Windows-1252 when the bytes are not UTF-8', () => {
    const file = windows1252File(['Område;Förändring', 'Älvsjö 1;+1,5', 'Södermalm 2;-0,5']);
    expect(entries(file)).toEqual({ results: { 'Älvsjö 1': 1.5, 'Södermalm 2': -0.5 }, skipped: 0 });
    // Byte 0x96 (the en dash Excel's AutoCorrect puts for a minus) is left to the browser test:
    // Node 20.18.3 and later decode 0x80–0x9F as Latin-1 (nodejs/node#60888), browsers do not.
    const utf8 = utf8File(['Område;Förändring', 'Älvsjö 1;+1,5']);
    expect(entries(utf8).results).toEqual({ 'Älvsjö 1': 1.5 });
  });

  it('counts the rows it cannot read instead of guessing', () => {
    const file = utf8File([
      'Valdistrikt;Förändring',
      '01800101;+2,4',
      ';1,0', // no code
      '01800102;ej rapporterat',
      '01800103', // one column
      '01800104;1,5;extra', // a third value
      '01800105;2,0;;', // trailing empty cells are a spreadsheet's, not a third value
      '1800101;9,9', // 01800101 again, after Excel dropped its leading zero
    ]);
    expect(entries(file)).toEqual({ results: { '01800101': 2.4, '01800105': 2 }, skipped: 5 });
    // After a comma separator an unquoted decimal comma splits the number: skipped, not read as 2.
    expect(entries('01800101,2,4\n01800102,1.5')).toEqual({ results: { '01800102': 1.5 }, skipped: 1 });
  });

  it('reads an empty file as nothing', () => {
    expect(entries(new Uint8Array())).toEqual({ results: {}, skipped: 0 });
    expect(entries('Valdistrikt;Förändring\n')).toEqual({ results: {}, skipped: 0 });
  });

  it('parses the ways a change is written, and nothing else', () => {
    expect(parseChange('+2,4')).toBe(2.4);
    expect(parseChange(' −1,25 ')).toBe(-1.25);
    expect(parseChange('–0,5')).toBe(-0.5);
    expect(parseChange('1 %')).toBe(1);
    expect(parseChange(',5')).toBe(0.5);
    for (const bad of ['', '+', '2,4,1', '1e3', 'abc', '2.', '--1']) expect(parseChange(bad)).toBeNull();
  });
});

describe('pairing districts with results', () => {
  const districts = [
    district('0180-0101', 10, 2),
    district('01800102', 20, 5),
    district('01800103', 4, 1),
    district('01800104', 0, 0), // all its contacts erased
    district('', 7, 3), // contacts without a district
  ];
  // The file spells the codes its own way: no hyphen, and one mangled by Excel.
  const results = new Map([
    ['01800101', 1.5],
    ['1800102', -0.5],
    ['01800104', 0.2],
    ['01809999', 3],
  ]);

  it('keys a code without spaces, hyphens or the leading zeros Excel drops', () => {
    expect(districtKey('0180-0101')).toBe(districtKey('1800101'));
    expect(districtKey(' 0180 0101 ')).toBe(districtKey('01800101'));
    expect(districtKey('söder-1')).toBe('SÖDER1');
    expect(districtKey('0')).toBe('0');
  });

  it('gives one point per district in both, with conversations as they are', () => {
    expect(pairDistricts(districts, results)).toEqual([
      { district: '0180-0101', conversations: 2, change: 1.5 },
      { district: '01800102', conversations: 5, change: -0.5 },
      { district: '01800104', conversations: 0, change: 0.2 },
    ]);
  });

  it('gives conversations per 100 contacts, leaving out a district without contacts', () => {
    expect(pairDistricts(districts, results, 'per100')).toEqual([
      { district: '0180-0101', conversations: 20, change: 1.5 },
      { district: '01800102', conversations: 25, change: -0.5 },
    ]);
  });

  it('counts the districts found on one side only', () => {
    expect(unmatchedCounts(districts, results)).toEqual({ notInList: 1, withoutResult: 1 });
  });
});

describe('the axes of a scatter plot', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 7)).toEqual({ values: [0, 2, 4, 6, 8], decimals: 0 });
    expect(niceTicks(-0.5, 2.4)).toEqual({ values: [-1, 0, 1, 2, 3], decimals: 0 });
    expect(niceTicks(0, 0.3)).toEqual({ values: [0, 0.1, 0.2, 0.3], decimals: 1 });
    expect(niceTicks(0, 0)).toEqual({ values: [0, 0.5, 1], decimals: 1 });
  });
});

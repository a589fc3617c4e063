import { describe, expect, it } from 'vitest';
import { parseContactsFile } from '../../../server/src/features/import/parse-contacts.ts';
import { utf8File as utf8, windows1252File as windows1252 } from '../../factories/import-files.ts';

// Every name and number is invented.

describe('parseContactsFile: a Swedish Excel file', () => {
  const file = windows1252([
    'Namn;Telefon;Hemtelefon;Valdistrikt;Prioritet;Språk;Medlemsnummer',
    'Åsa Öberg;070-123 45 67;08-123 456 78;Malmö 3;1;svenska;M-001',
    'Björn Ängström;0709876543;;Lund 1;;AR;M-002',
    'Märta Ek;+46 73 456 78 90;0741234567;;hög;klingonska;',
    'Örjan Ås;0046762345678;;;Låg;;',
  ]);

  it('reads Windows-1252, the semicolons and the Swedish headers', () => {
    const { preview } = parseContactsFile(file);
    expect(preview).toEqual({
      encoding: 'windows-1252',
      separator: ';',
      headers: ['Namn', 'Telefon', 'Hemtelefon', 'Valdistrikt', 'Prioritet', 'Språk', 'Medlemsnummer'],
      mapping: {
        name: 'Namn',
        phone: 'Telefon',
        altPhone: 'Hemtelefon',
        votingDistrict: 'Valdistrikt',
        priority: 'Prioritet',
        preferredLanguage: 'Språk',
        externalId: 'Medlemsnummer',
      },
      rows: 4,
      sample: [
        ['Åsa Öberg', '070-123 45 67', '08-123 456 78', 'Malmö 3', '1', 'svenska', 'M-001'],
        ['Björn Ängström', '0709876543', '', 'Lund 1', '', 'AR', 'M-002'],
        ['Märta Ek', '+46 73 456 78 90', '0741234567', '', 'hög', 'klingonska', ''],
        ['Örjan Ås', '0046762345678', '', '', 'Låg', '', ''],
      ],
    });
  });

  it('turns every row into a contact with normalised values', () => {
    const { contacts, rejected } = parseContactsFile(file);
    expect(rejected).toEqual([]);
    expect(contacts).toEqual([
      {
        row: 2,
        name: 'Åsa Öberg',
        phone: '+46701234567',
        altPhone: '+46812345678',
        votingDistrict: 'Malmö 3',
        priority: 1,
        preferredLanguage: 'sv',
        externalId: 'M-001',
      },
      {
        row: 3,
        name: 'Björn Ängström',
        phone: '+46709876543',
        altPhone: null,
        votingDistrict: 'Lund 1',
        priority: 2,
        preferredLanguage: 'ar',
        externalId: 'M-002',
      },
      // An invalid second number is dropped, not the contact; an unknown language is no language.
      {
        row: 4,
        name: 'Märta Ek',
        phone: '+46734567890',
        altPhone: null,
        votingDistrict: null,
        priority: 1,
        preferredLanguage: null,
        externalId: null,
      },
      {
        row: 5,
        name: 'Örjan Ås',
        phone: '+46762345678',
        altPhone: null,
        votingDistrict: null,
        priority: 3,
        preferredLanguage: null,
        externalId: null,
      },
    ]);
  });
});

describe('parseContactsFile: phone numbers written every Swedish way', () => {
  const spellings: [string, string | null][] = [
    ['070-123 45 67', '+46701234567'],
    ['0709876543', '+46709876543'],
    ['+46 73 456 78 90', '+46734567890'],
    ['0046762345678', '+46762345678'],
    ['46723456789', '+46723456789'],
    ['08-123 456 78', '+46812345678'],
    ['(08) 12 34 56', '+468123456'],
    ['070 111 22 33', '+46701112233'],
    ['739998877', '+46739998877'],
    ['7,01E+08', null],
  ];
  const file = windows1252(['Namn;Mobil', ...spellings.map(([phone], i) => `Person ${i};${phone}`)]);

  it('normalises each to E.164 and rejects the one Excel turned into a float', () => {
    const { contacts, rejected } = parseContactsFile(file);
    expect(contacts.map((c) => [c.row, c.phone])).toEqual(
      spellings.flatMap(([, e164], i) => (e164 === null ? [] : [[i + 2, e164]])),
    );
    expect(rejected).toEqual([{ row: 11, reason: 'invalid_phone', value: '7,01E+08' }]);
  });
});

describe('parseContactsFile: rejected rows', () => {
  const file = utf8([
    'namn;telefon;prioritet',
    'Anna Berg;070-123 45 67;1',
    ';0709876543;2',
    'Bo Lind;;3',
    'Cecilia Holm;7,01E+08;',
    'Dan Ek;0741234567;',
    'Eva Sjö;073-456 78 90;akut',
    'Filip Ny;076-234 56 78;',
    'Gun Ström;+46 70 123 45 67;',
    'Hans Berg;072-345 67 89;4',
    'Ida Berg;0723456789;',
    'Jan Berg;072 345 67 89;',
  ]);
  const asked: string[] = [];
  const parsed = parseContactsFile(file, {
    doNotCall: (e164) => {
      asked.push(e164);
      return e164 === '+46762345678';
    },
  });

  it('gives each bad row its line and reason, with the cell that was read', () => {
    expect(parsed.rejected).toEqual([
      { row: 3, reason: 'missing_name' },
      { row: 4, reason: 'missing_phone' },
      { row: 5, reason: 'invalid_phone', value: '7,01E+08' },
      { row: 6, reason: 'invalid_phone', value: '0741234567' },
      { row: 7, reason: 'invalid_priority', value: 'akut' },
      { row: 8, reason: 'do_not_call', value: '076-234 56 78' },
      { row: 9, reason: 'duplicate_in_file', value: '+46 70 123 45 67' },
      { row: 10, reason: 'invalid_priority', value: '4' },
      { row: 12, reason: 'duplicate_in_file', value: '072 345 67 89' },
    ]);
  });

  it('keeps the first accepted row of a number: a rejected first row does not block a later one', () => {
    expect(parsed.contacts.map((c) => [c.row, c.name, c.phone])).toEqual([
      [2, 'Anna Berg', '+46701234567'],
      [11, 'Ida Berg', '+46723456789'],
    ]);
    expect(parsed.preview.rows).toBe(11);
  });

  it('asks the do-not-call register with E.164 numbers', () => {
    expect(asked).toContain('+46762345678');
    expect(asked.every((n) => /^\+46\d+$/.test(n))).toBe(true);
  });
});

describe.each([
  ['CRLF', '\r\n'],
  ['LF', '\n'],
])('parseContactsFile: quoted cells, %s line ends', (_label, eol) => {
  const file = windows1252(
    [
      'Namn;Telefon;Valdistrikt',
      '"Berg; Anna";070-123 45 67;"Norra ""Gamla"" stan"',
      `"Lind,${eol}Erik";0709876543;Söder`,
      'Åkesson Maja;"073-456 78 90";',
      '',
      ';;',
      '   ',
      'Nils Bo;12345;',
    ],
    eol,
  );

  it('reads separators, quotes and line breaks inside quotes as text', () => {
    const { contacts } = parseContactsFile(file);
    expect(contacts.map((c) => [c.row, c.name, c.phone, c.votingDistrict])).toEqual([
      [2, 'Berg; Anna', '+46701234567', 'Norra "Gamla" stan'],
      [3, 'Lind, Erik', '+46709876543', 'Söder'],
      [5, 'Åkesson Maja', '+46734567890', null],
    ]);
  });

  it('numbers rows by their line in the file, past multi-line cells and skipped blank rows', () => {
    const { rejected, preview } = parseContactsFile(file);
    expect(rejected).toEqual([{ row: 9, reason: 'invalid_phone', value: '12345' }]);
    expect(preview.rows).toBe(4);
  });
});

describe('parseContactsFile: other encodings, separators and headers', () => {
  it('reads UTF-8 with a BOM, commas and English headers', () => {
    const file = utf8(
      [
        'Name,Phone number,Landline,Precinct,Priority,Preferred language,Member ID',
        '"Smith, Jane",+46 70 123 45 67,08-123 456 78,District 7,High,English,A-17',
        'Zoë Ångström,0709876543,,,low,fa,',
      ],
      { bom: true, eol: '\r\n' },
    );
    const { preview, contacts } = parseContactsFile(file);
    expect([preview.encoding, preview.separator, preview.headers[0]]).toEqual(['utf-8', ',', 'Name']);
    expect(preview.mapping).toEqual({
      name: 'Name',
      phone: 'Phone number',
      altPhone: 'Landline',
      votingDistrict: 'Precinct',
      priority: 'Priority',
      preferredLanguage: 'Preferred language',
      externalId: 'Member ID',
    });
    expect(contacts).toEqual([
      {
        row: 2,
        name: 'Smith, Jane',
        phone: '+46701234567',
        altPhone: '+46812345678',
        votingDistrict: 'District 7',
        priority: 1,
        preferredLanguage: 'en',
        externalId: 'A-17',
      },
      {
        row: 3,
        name: 'Zoë Ångström',
        phone: '+46709876543',
        altPhone: null,
        votingDistrict: null,
        priority: 3,
        preferredLanguage: 'fa',
        externalId: null,
      },
    ]);
  });

  it('reads tabs and joins separate förnamn and efternamn columns', () => {
    const file = utf8([
      'förnamn\tefternamn\ttelefon',
      'Åsa\tÖberg\t070-123 45 67',
      'Nils\t\t0709876543',
      '\tHolm\t0734567890',
      '\t\t0762345678',
    ]);
    const { preview, contacts, rejected } = parseContactsFile(file);
    expect(preview.separator).toBe('\t');
    // The contract's mapping has no place for two name columns: only the phone shows.
    expect(preview.mapping).toEqual({ phone: 'telefon' });
    expect(contacts.map((c) => [c.row, c.name])).toEqual([
      [2, 'Åsa Öberg'],
      [3, 'Nils'],
      [4, 'Holm'],
    ]);
    expect(rejected).toEqual([{ row: 5, reason: 'missing_name' }]);
  });

  it('reads quoted cells with spaces around them, as typed by hand', () => {
    const file = utf8(['name, phone', ' "Lind, Eva" , 070-123 45 67', '', 'Bo Ek , "0709876543" ']);
    const { preview, contacts } = parseContactsFile(file);
    expect(preview.headers).toEqual(['name', 'phone']);
    expect(contacts.map((c) => [c.row, c.name, c.phone])).toEqual([
      [2, 'Lind, Eva', '+46701234567'],
      [4, 'Bo Ek', '+46709876543'],
    ]);
  });

  it('samples the first five data rows, trimmed, and counts them all', () => {
    const names = ['Ada', 'Bea', 'Cid', 'Dag', 'Eli', 'Fia', 'Gry'];
    const file = utf8(['Namn;Telefon', ...names.map((n, i) => ` ${n} ;070-123 45 6${i}`)]);
    const { preview } = parseContactsFile(file);
    expect(preview.rows).toBe(7);
    expect(preview.sample).toEqual(names.slice(0, 5).map((n, i) => [n, `070-123 45 6${i}`]));
  });
});

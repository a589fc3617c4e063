import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../../server/src/features/import/decode.ts';
import { recogniseHeaders } from '../../../server/src/features/import/headers.ts';
import {
  languageFromCell,
  phoneFromCell,
  priorityFromCell,
} from '../../../server/src/features/import/normalise-cell.ts';
import { detectSeparator } from '../../../server/src/features/import/separator.ts';

describe('decodeFile', () => {
  it('reads bytes that are not UTF-8 as Windows-1252', () => {
    expect(decodeFile(Buffer.from('Namn;Språk\nÅsa Öberg;Svenska', 'latin1'))).toEqual({
      text: 'Namn;Språk\nÅsa Öberg;Svenska',
      encoding: 'windows-1252',
    });
  });

  it('reads the Windows-1252 characters Latin-1 lacks (0x80–0x9f), which Node gets wrong', () => {
    const oNeill = [...Buffer.from('Siobh\xe1n O', 'latin1'), 0x92, ...Buffer.from('Neill', 'latin1')];
    expect(decodeFile(new Uint8Array([...oNeill, 0x20, 0x96, 0x20, 0x80, 0x9f]))).toEqual({
      text: 'Siobhán O’Neill – €Ÿ',
      encoding: 'windows-1252',
    });
  });

  it('reads UTF-8 and drops its BOM', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Namn;Ö', 'utf8')]);
    expect(decodeFile(bom)).toEqual({ text: 'Namn;Ö', encoding: 'utf-8' });
    expect(decodeFile(Buffer.from('Namn;Ö', 'utf8'))).toEqual({ text: 'Namn;Ö', encoding: 'utf-8' });
  });
});

describe('detectSeparator', () => {
  it.each<[string, string]>([
    ['namn;telefon;distrikt', ';'],
    ['name,phone,district', ','],
    ['name\tphone\tdistrict', '\t'],
    // Only the header line counts; commas inside quotes are not separators.
    ['"Efternamn, förnamn, mellannamn";telefon\nx,y,z,w', ';'],
    ['\r\n\r\nname,phone', ','],
    // Ties and nothing: semicolon if there is one, else comma.
    ['namn;telefon,mobil', ';'],
    ['name,phone\tmobile', ','],
    ['namn', ','],
  ])('%j → %j', (text, separator) => {
    expect(detectSeparator(text)).toBe(separator);
  });
});

describe('recogniseHeaders', () => {
  it('knows the Swedish names', () => {
    expect(
      recogniseHeaders(['Namn', 'Telefon', 'Telefon 2', 'Valdistrikt', 'Prio', 'Modersmål', 'Medlemsnummer', 'Adress']),
    ).toEqual({
      mapping: {
        name: 'Namn',
        phone: 'Telefon',
        altPhone: 'Telefon 2',
        votingDistrict: 'Valdistrikt',
        priority: 'Prio',
        preferredLanguage: 'Modersmål',
        externalId: 'Medlemsnummer',
      },
    });
  });

  it('knows the English names', () => {
    expect(recogniseHeaders(['Full name', 'Mobile', 'Phone 2', 'Voting district', 'Priority', 'Language', 'External ID']))
      .toEqual({
        mapping: {
          name: 'Full name',
          phone: 'Mobile',
          altPhone: 'Phone 2',
          votingDistrict: 'Voting district',
          priority: 'Priority',
          preferredLanguage: 'Language',
          externalId: 'External ID',
        },
      });
  });

  it('ignores case, punctuation and missing accents, and keeps the header as written', () => {
    expect(recogniseHeaders(['  NAMN: ', 'Mobil-nummer', 'Kontakt-ID', 'phone_2', 'SPRAK']).mapping).toEqual({
      name: '  NAMN: ',
      phone: 'Mobil-nummer',
      externalId: 'Kontakt-ID',
      altPhone: 'phone_2',
      preferredLanguage: 'SPRAK',
    });
  });

  it('gives a field to its leftmost column, a second phone column to the alternative number, and each column to one field', () => {
    expect(recogniseHeaders(['Mobil', 'Telefon', 'Tel', 'ID', 'Medlemsnr']).mapping).toEqual({
      phone: 'Mobil',
      altPhone: 'Telefon',
      externalId: 'ID',
    });
    // A second-number column named as one wins over a second phone column.
    expect(recogniseHeaders(['Mobil', 'Telefon', 'Telefon hem']).mapping).toEqual({ phone: 'Mobil', altPhone: 'Telefon hem' });
  });

  it.each([
    ['Mobilnummer', 'Telefon hem'],
    ['Mobil', 'Hemtelefon'],
    ['Telefon', 'Telefon 2'],
    ['Mobiltelefon', 'Alternativt nummer'],
    ['Mobile', 'Home phone'],
    ['Phone', 'Work phone'],
    ['Mobil', 'Telefon arbete'],
    ['Mobil', 'Fast telefon'],
  ])('knows a member register’s second number: %s and %s', (first, second) => {
    expect(recogniseHeaders(['Namn', first, second]).mapping).toEqual({ name: 'Namn', phone: first, altPhone: second });
  });

  it('calls the second-number column when the file has no other phone column', () => {
    expect(recogniseHeaders(['Namn', 'Telefon hem', 'Telefon arbete']).mapping).toEqual({
      name: 'Namn',
      phone: 'Telefon hem',
      altPhone: 'Telefon arbete',
    });
  });

  it('finds separate first- and last-name columns when there is no name column', () => {
    expect(recogniseHeaders(['Fornamn', 'Efternamn', 'Tel'])).toEqual({
      mapping: { phone: 'Tel' },
      nameParts: ['Fornamn', 'Efternamn'],
    });
    expect(recogniseHeaders(['First name', 'Last name', 'Name', 'Cell'])).toEqual({
      mapping: { name: 'Name', phone: 'Cell' },
    });
    // A first name alone is the name there is.
    expect(recogniseHeaders(['Förnamn', 'Mobil'])).toEqual({ mapping: { name: 'Förnamn', phone: 'Mobil' } });
  });

  it('maps nothing it does not know', () => {
    expect(recogniseHeaders(['Adress', 'Postnummer', ''])).toEqual({ mapping: {} });
  });
});

describe('phoneFromCell', () => {
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['0701234567', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['46701234567', '+46701234567'],
    ['46 70 123 45 67', '+46701234567'],
    ['08-123 456 78', '+46812345678'],
    ['(08) 12 34 56', '+468123456'],
    ['070 123 45 67', '+46701234567'],
    ['070–123 45 67', '+46701234567'],
    ['701234567', '+46701234567'],
    ['+47 412 34 567', '+4741234567'],
  ])('%j → %s', (cell, e164) => {
    expect(phoneFromCell(cell)).toBe(e164);
  });

  it.each(['7,01E+08', '7.01E+08', '7,01234567E+08', '0741234567', '12345', 'saknas', '', '0701234567 / 08-123 456 78'])(
    'rejects %j',
    (cell) => {
      expect(phoneFromCell(cell)).toBeNull();
    },
  );
});

describe('priorityFromCell', () => {
  it.each<[string, 1 | 2 | 3 | null]>([
    ['', 2],
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['Hög', 1],
    ['HIGH', 1],
    ['normal', 2],
    ['låg', 3],
    ['Low', 3],
    ['0', null],
    ['4', null],
    ['akut', null],
  ])('%j → %s', (cell, priority) => {
    expect(priorityFromCell(cell)).toBe(priority);
  });
});

describe('languageFromCell', () => {
  it.each<[string, string | null]>([
    ['sv', 'sv'],
    ['AR', 'ar'],
    ['kur', 'kur'],
    ['Svenska', 'sv'],
    ['arabiska', 'ar'],
    ['somaliska', 'so'],
    ['persiska', 'fa'],
    ['tigrinja', 'ti'],
    ['FINSKA', 'fi'],
    ['spanska', 'es'],
    ['turkiska', 'tr'],
    ['polska', 'pl'],
    ['kurdiska', 'ku'],
    ['engelska', 'en'],
    ['English', 'en'],
    ['klingonska', null],
    ['s', null],
    ['', null],
  ])('%j → %s', (cell, code) => {
    expect(languageFromCell(cell)).toBe(code);
  });
});

import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../../server/src/features/import/import-error.ts';
import { parseContactsFile, type ParseOptions } from '../../../server/src/features/import/parse-contacts.ts';
import { utf8File as utf8, windows1252File as windows1252 } from '../../factories/import-files.ts';

// The leader's column mapping, and the files that cannot be imported at all. Every name and
// number is invented.

function fileError(bytes: Uint8Array, options?: ParseOptions): ImportFileError {
  try {
    parseContactsFile(bytes, options);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

describe('parseContactsFile: the leader’s mapping', () => {
  const file = windows1252(['Namn;Telefon;Mobil;Prio', 'Anna Berg;08-123 456 78;070-123 45 67;1']);

  it('replaces the recognised one', () => {
    const mapping = { name: 'Namn', phone: 'Mobil' };
    const { preview, contacts } = parseContactsFile(file, { mapping });
    expect(preview.mapping).toEqual(mapping);
    // "Prio" is left out of the mapping: the default priority, not the file's 1.
    expect(contacts.map((c) => [c.phone, c.priority])).toEqual([['+46701234567', 2]]);
  });

  it('still joins first and last names when it names no name column', () => {
    const split = utf8(['Förnamn;Efternamn;Tel', 'Eva;Lund;070-123 45 67']);
    const { contacts } = parseContactsFile(split, { mapping: { phone: 'Tel' } });
    expect(contacts.map((c) => c.name)).toEqual(['Eva Lund']);
  });

  it('naming a column that is not in the file is a file error', () => {
    expect(fileError(file, { mapping: { name: 'Namn', phone: 'Tel' } }).message).toBe('No column named "Tel" in the file');
  });

  it('without a name or a phone column is a file error', () => {
    expect(fileError(file, { mapping: { name: 'Namn' } })).toMatchObject({ message: 'No column is chosen for the phone number', why: { reason: 'no_phone_column' } });
    expect(fileError(file, { mapping: { phone: 'Mobil' } })).toMatchObject({ message: 'No column is chosen for the name', why: { reason: 'no_name_column' } });
    expect(fileError(utf8(['Namn;Adress', 'Anna;Storgatan 1'])).message).toBe('No column is chosen for the phone number');
  });
});

describe('parseContactsFile: files that cannot be imported', () => {
  it.each([
    ['an empty file', new Uint8Array(), 'The file is empty', 'file_empty'],
    ['blank lines only', utf8(['', '  ', '']), 'The file is empty', 'file_empty'],
    ['a header only', windows1252(['Namn;Telefon']), 'The file has a header line but no rows', 'file_without_rows'],
    ['a header and empty rows', windows1252(['Namn;Telefon', ';', ';']), 'The file has a header line but no rows', 'file_without_rows'],
  ])('%s', (_label, bytes, message, reason) => {
    expect(fileError(bytes)).toMatchObject({ message, why: { reason } });
  });

  it('an unclosed quote', () => {
    expect(fileError(utf8(['Namn;Telefon', '"Anna;070-123 45 67']))).toMatchObject({
      message: expect.stringMatching(/^The file cannot be read as CSV: Quote Not Closed/),
      why: { reason: 'csv_unreadable' },
    });
  });

  it('UTF-16, which Excel writes as "Unicode text"', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Namn\tTelefon\r\n', 'utf16le')]);
    expect(fileError(bytes)).toMatchObject({ message: expect.stringMatching(/^UTF-16 files are not supported/), why: { reason: 'file_utf16' } });
  });
});

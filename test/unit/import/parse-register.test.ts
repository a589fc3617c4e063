import { describe, expect, it } from 'vitest';
import { parseContactsFile } from '../../../server/src/features/import/parse-contacts.ts';
import { windows1252File } from '../../factories/import-files.ts';

// A membership register's export as it comes: a mobile and a home number, districts written
// three ways. Every name and number is invented.

describe('parseContactsFile: a member register with a mobile and a home number', () => {
  const file = windows1252File([
    'Medlemsnummer;Förnamn;Efternamn;Mobilnummer;Telefon hem;Valdistrikt',
    'M-1;Åsa;Öberg;070-123 45 67;08-123 456 78;0127 0014',
    'M-2;Björn;Ek;;08-765 432 10;01270014',
    'M-3;Märta;Ås;0741234567;08-555 123 45;1270014',
    'M-4;Örjan;Lind;070-987 65 43;;0127-0015',
    'M-5;Ida;Berg;;;01270015',
    'M-6;Kim;Holm;12;08-111 222 33;Tensta 1',
    'M-7;Pia;Ny;070-111 22 33;070-111 22 33;Zelda Secretsdottirs gata 5',
  ]);

  it('keeps both numbers, calls the home number when the mobile is missing or invalid, and says so', () => {
    const { preview, contacts, rejected, adjusted } = parseContactsFile(file);
    expect(preview.mapping).toMatchObject({ phone: 'Mobilnummer', altPhone: 'Telefon hem', votingDistrict: 'Valdistrikt' });
    expect(contacts.map(({ row, phone, altPhone }) => [row, phone, altPhone])).toEqual([
      [2, '+46701234567', '+46812345678'],
      [3, '+46876543210', null],
      // 0741234567 is an unused range (libphonenumber's max metadata): the home number is called.
      [4, '+46855512345', null],
      [5, '+46709876543', null],
      [7, '+46811122233', null],
      // The same number twice is one number.
      [8, '+46701112233', null],
    ]);
    expect(rejected).toEqual([{ row: 6, reason: 'missing_phone' }]);
    expect(adjusted).toEqual([
      { row: 3, reason: 'called_on_second_number' },
      { row: 4, reason: 'called_on_second_number', value: '0741234567' },
      { row: 7, reason: 'called_on_second_number', value: '12' },
      { row: 8, reason: 'district_like_address', value: 'Zelda Secretsdottirs gata 5' },
    ]);
  });

  it('writes each district code one way, and leaves out a district that is an address', () => {
    const { contacts } = parseContactsFile(file);
    expect(contacts.map(({ row, votingDistrict }) => [row, votingDistrict])).toEqual([
      [2, '01270014'],
      [3, '01270014'],
      [4, '01270014'],
      [5, '01270015'],
      [7, 'Tensta 1'],
      [8, null],
    ]);
  });

  it('rejects a row whose home number is on the do-not-call register, as it does one whose mobile is', () => {
    const register = new Set(['+46812345678', '+46709876543']);
    const { contacts, rejected } = parseContactsFile(file, { doNotCall: (phone) => register.has(phone) });
    expect(rejected.filter((row) => row.reason === 'do_not_call')).toEqual([
      { row: 2, reason: 'do_not_call', value: '08-123 456 78' },
      { row: 5, reason: 'do_not_call', value: '070-987 65 43' },
    ]);
    expect(contacts.flatMap((contact) => [contact.phone, contact.altPhone]).filter((phone) => phone !== null && register.has(phone))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatPhoneForDisplay, normalisePhone } from '@ringstuga/shared/phone';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

describe('phone normalisation (region SE)', () => {
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['0701234567', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['08-123 456 78', '+46812345678'],
    [' 08 - 12 34 56 78 ', '+46812345678'],
  ])('%s becomes %s', (input, e164) => {
    expect(normalisePhone(input)).toBe(e164);
  });

  it.each(['', 'abc', '123', '0741234567', '070123456789012'])('rejects %j', (input) => {
    expect(normalisePhone(input)).toBeNull();
  });

  it('keeps foreign numbers written with their country code', () => {
    expect(normalisePhone('+47 412 34 567')).toBe('+4741234567');
  });

  it('shows Swedish numbers in national format and others internationally', () => {
    expect(formatPhoneForDisplay('+46701234567')).toBe('070-123 45 67');
    expect(formatPhoneForDisplay('+46812345678')).toBe('08-123 456 78');
    expect(formatPhoneForDisplay('+4741234567')).toBe('+47 41 23 45 67');
  });
});

describe('the fast path for Swedish mobile numbers', () => {
  it('agrees with libphonenumber on every mobile series and spelling, and on numbers that are not mobiles', () => {
    const spellings = (national: string) => [
      national,
      `${national.slice(0, 3)}-${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`,
      `+46 ${national.slice(1, 3)} ${national.slice(3)}`,
      `0046${national.slice(1)}`,
      `(${national.slice(0, 3)}) ${national.slice(3)}`,
      `+46${national.slice(1)}`,
    ];
    const nationals: string[] = [];
    for (let series = 0; series <= 9; series += 1) {
      for (const subscriber of ['0000000', '1234567', '9999999', '5550123']) nationals.push(`07${series}${subscriber}`);
    }
    // Not mobiles, or not numbers: the fast path must leave them to libphonenumber.
    const others = ['08-123 456 78', '031-123 45 67', '0701234', '07012345678', '+4670123456', '+47 412 34 567', '0771-123 456', 'ring 070'];
    for (const input of [...nationals.flatMap(spellings), ...others]) {
      const parsed = parsePhoneNumberFromString(input.trim(), 'SE');
      const expected = parsed && parsed.isValid() ? parsed.number : null;
      expect(normalisePhone(input), input).toBe(expected);
    }
  });

  it('shows every mobile series as libphonenumber does, and leaves other numbers to it', () => {
    const numbers: string[] = [];
    for (let series = 0; series <= 9; series += 1) {
      for (const subscriber of ['0000000', '1234567', '9999999', '5550123']) numbers.push(`+467${series}${subscriber}`);
    }
    for (const e164 of [...numbers, '+46812345678', '+4631123456', '+4670123456', '+467012345678', '+4741234567']) {
      const parsed = parsePhoneNumberFromString(e164)!;
      const expected = parsed.country === 'SE' ? parsed.formatNational() : parsed.formatInternational();
      expect(formatPhoneForDisplay(e164), e164).toBe(expected);
    }
    // Shown for another region, a Swedish mobile is international, as any foreign number.
    expect(formatPhoneForDisplay('+46701234567', 'NO')).toBe('+46 70 123 45 67');
  });
});

import { describe, expect, it } from 'vitest';
import { formatPhoneForDisplay, normalisePhone } from '@ringstuga/shared/phone';

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

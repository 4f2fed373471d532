import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random/rng';
import { assertPlainField, formatCents, formatDecimal } from './csvFormat';

describe('csv formatting', () => {
  it('writes cents exactly, including small and negative values', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(123456)).toBe('1234.56');
    expect(formatCents(100)).toBe('1.00');
    const rng = createRng(3);
    for (let trial = 0; trial < 1000; trial++) {
      const cents = Math.floor(rng.uniform() * 1e9) - 5e8;
      // Integer arithmetic reference: parse the text back into cents.
      const text = formatCents(cents);
      const [units, fraction] = text.replace('-', '').split('.');
      expect(fraction).toHaveLength(2);
      expect((text.startsWith('-') ? -1 : 1) * (Number(units) * 100 + Number(fraction))).toBe(
        cents,
      );
    }
    expect(() => formatCents(1.5)).toThrow(/safe integer/);
  });

  it('never writes negative zero and refuses non-finite values', () => {
    expect(formatDecimal(-0.0000001, 6)).toBe('0.000000');
    expect(formatDecimal(97.2928571, 6)).toBe('97.292857');
    expect(() => formatDecimal(Number.NaN, 2)).toThrow(/finite/);
  });

  it('accepts only names that need no CSV quoting', () => {
    expect(assertPlainField('retail_media')).toBe('retail_media');
    expect(() => assertPlainField('a,b')).toThrow(/lower-case/);
  });
});

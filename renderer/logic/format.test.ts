import { describe, expect, it } from 'vitest';
import { formatCell, formatNumber } from './format';

describe('format', () => {
  it('formats integers with separators and decimals to two places', () => {
    expect(formatNumber(38220)).toBe('38,220');
    expect(formatNumber(1234.5678)).toBe('1,234.57');
    expect(formatNumber(0.00123)).toBe('0.0012');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatCell(null)).toBe('—');
    expect(formatCell('2024-01-01')).toBe('2024-01-01');
  });
});

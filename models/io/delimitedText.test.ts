import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv, toTsv } from './delimitedText';

describe('toDelimited', () => {
  it('quotes what needs quoting and leaves the rest', () => {
    expect(
      toCsv([
        ['a', 'b,c', 'say "hi"', 'two\nlines'],
        [1, 2.5, null, true],
      ]),
    ).toBe('a,"b,c","say ""hi""","two\nlines"\r\n1,2.5,,true\r\n');
    expect(toTsv([['a\tb', 'c,d']])).toBe('"a\tb"\tc,d\r\n');
  });

  it('neutralises formula-leading text (OWASP CSV injection) but not numbers', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutraliseCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(toCsv([['=HYPERLINK("http://x")', -1.5, '-2']])).toBe(
      `"'=HYPERLINK(""http://x"")",-1.5,'-2\r\n`,
    );
    expect(toCsv([['tv', 'a=b']])).toBe('tv,a=b\r\n');
  });

  it('writes non-finite numbers as empty cells', () => {
    expect(toCsv([[Number.NaN, Infinity, -Infinity, 0]])).toBe(',,,0\r\n');
  });

  it('never lets a text cell start with a formula character, and keeps its text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const written = toCsv([[text]]).slice(0, -2);
        const quoted = written.startsWith('"') && written.length >= 2 && written.endsWith('"');
        const inner = quoted ? written.slice(1, -1).replace(/""/g, '"') : written;
        expect(/^[=+\-@\t\r]/.test(inner)).toBe(false);
        expect(inner).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});

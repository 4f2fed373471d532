import { describe, expect, it } from 'vitest';
import { guessDelimiter, guessHeader } from './csvDialect';
import { decodeUtf8, firstLines, looksBinary, splitCsvLine } from './textBytes';

const encode = (text: string) => new TextEncoder().encode(text);

describe('CSV text helpers', () => {
  it('guesses the delimiter by the most consistent field count', () => {
    expect(guessDelimiter(['a;b;c', '1,5;2;3', '4;5,5;6'])).toBe(';');
    expect(guessDelimiter(['a,b', '"x,y",2'])).toBe(',');
    expect(guessDelimiter(['a\tb', '1\t2'])).toBe('\t');
  });

  it('treats a first line of numbers and dates as data', () => {
    expect(guessHeader('date,spend', ',')).toBe(true);
    expect(guessHeader('2024-01-01,12.5', ',')).toBe(false);
  });

  it('splits quoted fields and decodes UTF-8', () => {
    expect(splitCsvLine('"a ""b""",c,,"d,e"', ',')).toEqual(['a "b"', 'c', '', 'd,e']);
    expect(decodeUtf8(encode('Umsatz €'))).toBe('Umsatz €');
    expect(() => decodeUtf8(Uint8Array.of(0xff, 0xfe))).toThrow();
    expect(firstLines(encode('\ufeffa,b\r\n1,2\r\n3'), 5)).toEqual(['a,b', '1,2', '3']);
  });

  it('calls NUL bytes binary and plain text not', () => {
    expect(looksBinary(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x00))).toBe(true);
    expect(looksBinary(encode('date,spend\n2024-01-01,1\n'))).toBe(false);
  });
});

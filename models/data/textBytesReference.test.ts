/**
 * decodeUtf8 and splitCsvLine against plain references (the platform's strict decoders and a
 * character-by-character splitter) on generated input, and against what made them fast: linear time
 * on a line of megabytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodeUtf8, splitCsvLine } from './textBytes';

/** Node's strict decoder: the reference for valid and invalid UTF-8 alike. */
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function referenceDecode(bytes: Uint8Array): string | 'invalid' {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return 'invalid';
  }
}
function ourDecode(bytes: Uint8Array): string | 'invalid' {
  try {
    return decodeUtf8(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(URIError);
    return 'invalid';
  }
}

/** The splitter as first written: one character at a time. */
function referenceSplit(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (line.startsWith(delimiter, index)) {
      fields.push(field);
      field = '';
      index += delimiter.length - 1;
    } else field += char;
  }
  fields.push(field);
  return fields;
}

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 exactly as the platform does (any code point, surrogates paired)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses exactly the byte strings the strict platform decoder refuses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        expect(ourDecode(bytes)).toBe(referenceDecode(bytes));
      }),
      { numRuns: 20000 },
    );
    for (const invalid of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ])
      expect(ourDecode(Uint8Array.from(invalid))).toBe('invalid');
  });

  it('decodes 8 MiB in well under a second', () => {
    const bytes = new TextEncoder().encode('é,a'.repeat(2 * 1024 ** 2));
    const started = performance.now();
    expect(decodeUtf8(bytes).length).toBe(3 * 2 * 1024 ** 2);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('splitCsvLine', () => {
  const csvish = fc.string({
    unit: fc.constantFrom('a', 'b', ',', ';', '"', ' ', '\t', 'é', '|'),
    maxLength: 60,
  });

  it('splits as the character-by-character reference does, for every delimiter', () => {
    fc.assert(
      fc.property(csvish, fc.constantFrom(',', ';', '\t', '|', '::'), (line, delimiter) => {
        expect(splitCsvLine(line, delimiter)).toEqual(referenceSplit(line, delimiter));
      }),
      { numRuns: 20000 },
    );
  });

  it('splits a line of megabytes in linear time', () => {
    const line = `date,"${'x'.repeat(4 * 1024 ** 2)}",${'1,'.repeat(100_000)}2`;
    const started = performance.now();
    expect(splitCsvLine(line, ',')).toHaveLength(100_003);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

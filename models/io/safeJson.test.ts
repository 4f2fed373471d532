import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonLimitError, parseJsonWithLimits, PROTOTYPE_KEYS } from './safeJson';

describe('parseJsonWithLimits', () => {
  it('parses ordinary JSON unchanged', () => {
    expect(parseJsonWithLimits('{"a":[1,2,{"b":"c"}],"d":null,"e":true}').value).toEqual({
      a: [1, 2, { b: 'c' }],
      d: null,
      e: true,
    });
  });

  it('accepts a byte-order mark', () => {
    expect(parseJsonWithLimits('\ufeff[1]').value).toEqual([1]);
  });

  it('drops prototype keys wherever they are and counts them', () => {
    const result = parseJsonWithLimits(
      '{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"x":1}},"ok":2},"prototype":3}',
    );
    expect(result.droppedPrototypeKeys).toBe(3);
    expect(result.value).toEqual({ a: { ok: 2 } });
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(value)).toEqual(['a']);
  });

  it('refuses deep nesting before parsing, naming the limit and the position', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => parseJsonWithLimits(deep, { maxDepth: 64 })).toThrow(
      /nested deeper than 64 levels \(at character 65\)/,
    );
    // Brackets inside strings do not count.
    expect(parseJsonWithLimits(`["${'['.repeat(200)}"]`, { maxDepth: 2 }).value).toEqual([
      '['.repeat(200),
    ]);
    expect(parseJsonWithLimits('["\\"[[[["]', { maxDepth: 1 }).value).toEqual(['"[[[[']);
  });

  it('refuses large files, long arrays and long strings, naming where', () => {
    expect(() => parseJsonWithLimits('[1,2,3]', { maxBytes: 4 })).toThrow(/larger than/);
    expect(() => parseJsonWithLimits('{"a":{"b":[1,2,3]}}', { maxArrayLength: 2 })).toThrow(
      '$.a.b has 3 elements (limit 2)',
    );
    expect(() => parseJsonWithLimits('{"odd key":["abcdefghij"]}', { maxStringLength: 8 })).toThrow(
      '$["odd key"][0] is a string of 10 characters (limit 8)',
    );
  });

  it('refuses non-finite numbers with their path', () => {
    expect(() => parseJsonWithLimits('{"draws":[1,2,1e999]}')).toThrow(
      '$.draws[2] is not a finite number',
    );
    expect(() => parseJsonWithLimits('{"x":-1e400}')).toThrow('$.x is not a finite number');
  });

  it('says a file is empty, truncated, or not JSON', () => {
    expect(() => parseJsonWithLimits('')).toThrow('the file is empty');
    expect(() => parseJsonWithLimits('  \n')).toThrow('the file is empty');
    expect(() => parseJsonWithLimits('{"a":[1,2')).toThrow(/truncated/);
    expect(() => parseJsonWithLimits('<html>')).toThrow(/not valid JSON/);
    expect(() => parseJsonWithLimits('NaN')).toThrow(JsonLimitError);
  });

  it('round-trips any JSON value, less its prototype keys (property)', () => {
    const withoutPrototypeKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(withoutPrototypeKeys)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([key]) => !PROTOTYPE_KEYS.has(key))
                .map(([key, item]) => [key, withoutPrototypeKeys(item)]),
            )
          : value;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        // -0 serialises as 0; compare through JSON.
        expect(JSON.stringify(parseJsonWithLimits(text).value)).toBe(
          JSON.stringify(withoutPrototypeKeys(JSON.parse(text))),
        );
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('throws only JsonLimitError on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseJsonWithLimits(text, { maxDepth: 8 });
        } catch (error) {
          expect(error).toBeInstanceOf(JsonLimitError);
        }
      }),
      { numRuns: 1000, seed: 20261207 },
    );
  });
});

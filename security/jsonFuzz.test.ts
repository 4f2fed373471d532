/**
 * Property tests (fast-check) of the JSON files the app and the CLI open, through their own
 * readers: fit results (`parseFitReport`), mappings (`parseMappingFile`, the Data task and
 * `mmm inspect --mapping`) and the project the app keeps (`loadSavedMapping`). Plan files have their
 * own hostile corpus (models/plan, the plan-files task); recent files are covered by
 * electron/recentFiles.test.ts and read through the same safeJson.
 *
 * For any text, valid JSON of any shape, or a valid file with damage or prototype keys injected:
 * the reader answers (a value, or one line naming the file and the problem) and never throws
 * anything else, never honours `__proto__`/`constructor`/`prototype`, and refuses what is larger
 * than its limit.
 */
import { readFileSync } from 'node:fs';

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

import { MappingSchema, type Mapping } from '../models/data';
import { parseFitReport } from '../models/report/parseFitReport';
import {
  loadSavedMapping,
  parseMappingFile,
  PROJECT_STORAGE_KEY,
} from '../renderer/stores/projectStorage';

const fitResult = readFileSync(
  new URL('../models/report/fixtures/fit-result.v2.json', import.meta.url),
  'utf8',
);
const mapping: Mapping = {
  version: 1,
  columns: [
    { file: 'export.csv', column: 'date', role: 'date' },
    { file: 'export.csv', column: 'tv_spend', role: 'spend', channel: 'tv' },
    { file: 'export.csv', column: 'revenue', role: 'kpi' },
  ],
  weekStart: 'monday',
  aggregateGeos: true,
};
const mappingText = JSON.stringify(mapping);

/** Nothing reached Object.prototype (a polluted prototype shows on every object). */
afterEach(() => {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Own `__proto__`/`constructor`/`prototype` keys anywhere in a parsed value. */
function prototypeKeys(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce<number>((sum, item) => sum + prototypeKeys(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.keys(value).reduce(
    (sum, key) =>
      sum +
      (key === '__proto__' || key === 'constructor' || key === 'prototype' ? 1 : 0) +
      prototypeKeys((value as Record<string, unknown>)[key]),
    0,
  );
}

/** Text edits: cut, insert (quotes, braces, NUL, huge numbers, prototype keys), replace. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(
        '"',
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '\u0000',
        '1e999',
        'NaN',
        '-',
        '"__proto__":{"polluted":true},',
        '"constructor":{"prototype":{"polluted":true}},',
      ),
      fc.string({ maxLength: 8 }),
    ),
  }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.string({ minLength: 1, maxLength: 3 }),
  }),
);

interface Edit {
  readonly kind: 'cut' | 'insert' | 'replace';
  readonly at: number;
  readonly text?: string;
}

function edited(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const change of edits) {
    const at = change.at % (out.length + 1);
    if (change.kind === 'cut') out = out.slice(0, at);
    else if (change.kind === 'insert') out = out.slice(0, at) + (change.text ?? '') + out.slice(at);
    else out = out.slice(0, at) + (change.text ?? '') + out.slice(at + (change.text ?? '').length);
  }
  return out;
}

/** Valid JSON of any shape, with prototype keys mixed in among the object keys. */
const hostileJson = fc
  .jsonValue({ maxDepth: 6 })
  .chain((value) =>
    fc
      .constantFrom('__proto__', 'constructor', 'prototype')
      .map((key) => JSON.stringify(value).replace(/^\{/, `{"${key}":{"polluted":true},`)),
  );

function expectOneLine(message: string): void {
  expect(message).not.toMatch(/\n|\s+at .+:\d+:\d+/);
  expect(message.length).toBeLessThan(600);
}

describe('fit results (parseFitReport)', () => {
  it('answers any text, any JSON, with prototype keys, by a report or one line', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), hostileJson), (text) => {
        const parsed = parseFitReport(text);
        if (!parsed.ok) expectOneLine(parsed.message);
        else expect(prototypeKeys(parsed.report)).toBe(0);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('answers damaged real fit results and never returns a partly valid one', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const parsed = parseFitReport(edited(fitResult, edits));
        if (!parsed.ok) expectOneLine(parsed.message);
        else expect(prototypeKeys(parsed.report)).toBe(0);
      }),
      { numRuns: 400, seed: 77 },
    );
  });

  it('ignores prototype keys in a real fit result, and says so', () => {
    const hostile = fitResult.replace(
      /^\{/,
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    const parsed = parseFitReport(hostile);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(prototypeKeys(parsed.report)).toBe(0);
      expect(parsed.notices.join(' ')).toMatch(/prototype key/);
    }
  });

  it('refuses a file over its size limit by saying so', () => {
    const parsed = parseFitReport(fitResult, { maxBytes: 10_000 });
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/larger than/) });
  });
});

describe('mappings (parseMappingFile, loadSavedMapping)', () => {
  it('answers any text, any JSON and damaged mappings by a valid mapping or one line naming the file', () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      hostileJson,
      fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => edited(mappingText, edits)),
    );
    fc.assert(
      fc.property(text, (candidate) => {
        let parsed: Mapping;
        try {
          parsed = parseMappingFile('mapping.json', candidate);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          const message = (error as Error).message;
          expect(message.startsWith('mapping.json: ')).toBe(true);
          expectOneLine(message);
          return;
        }
        expect(MappingSchema.safeParse(parsed).success).toBe(true);
        expect(prototypeKeys(parsed)).toBe(0);
        // What the app keeps of it reads back the same way, or not at all.
        const storage = new Map([[PROJECT_STORAGE_KEY, candidate]]);
        expect(() =>
          loadSavedMapping({
            getItem: (key) => storage.get(key) ?? null,
            setItem: () => undefined,
          }),
        ).not.toThrow();
      }),
      { numRuns: 5000, seed: 777 },
    );
  });

  it('ignores prototype keys in a mapping and refuses one over its limit', () => {
    const hostile = mappingText.replace(/^\{/, '{"__proto__":{"polluted":true},');
    expect(parseMappingFile('mapping.json', hostile)).toEqual(mapping);
    const huge = JSON.stringify({ ...mapping, padding: 'x'.repeat(9 * 1024 ** 2) });
    expect(() => parseMappingFile('mapping.json', huge)).toThrow(/^mapping\.json: .*larger than/);
  });
});

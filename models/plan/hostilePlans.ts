/**
 * The hostile corpus: files a plan reader must refuse cleanly and quickly (one sentence, no stack
 * trace, well under 2 s each), built around a valid plan's text. Used by hostilePlans.test.ts and
 * cited by SECURITY.md; the e2e tests open some of them in the app.
 */
import { encodeFloat64 } from './compactNumbers';
import { canonicalJson, contentHashOf } from './contentHash';
import { PLAN_FORMAT } from './planFormat';

export interface HostileCase {
  readonly name: string;
  readonly text: string;
  /** What the refusal must say. */
  readonly refusal: RegExp;
}

/** `change` applied to a valid plan's document, then hashed and written as the app would. */
export function resealedPlan(
  validText: string,
  change: (document: Record<string, unknown>) => Record<string, unknown>,
): string {
  const { contentHash: _dropped, ...rest } = change(
    JSON.parse(validText) as Record<string, unknown>,
  );
  return `${canonicalJson({ ...rest, contentHash: contentHashOf(rest) })}\n`;
}

export function hostilePlanCorpus(validText: string): HostileCase[] {
  const header = `{"format":"${PLAN_FORMAT}","formatVersion":{"major":1,"minor":1},`;
  const nan = encodeFloat64([1, 2, 3, 4, 5, 6, 7, Number.NaN]);
  return [
    { name: 'zero bytes', text: '', refusal: /the file is empty/ },
    { name: 'NUL bytes', text: '\0\0\0\0', refusal: /not valid JSON/ },
    {
      name: 'truncated',
      text: validText.slice(0, Math.floor(validText.length / 2)),
      refusal: /truncated/,
    },
    {
      name: 'deep nesting',
      text: `${header}"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
      refusal: /nested deeper than 32 levels/,
    },
    {
      name: 'huge array',
      text: `${header}"x":[${'0,'.repeat(1_500_000)}0]}`,
      refusal: /has 1500001 elements \(limit 1000000\)/,
    },
    {
      name: 'huge string',
      text: `${header}"notes":"${'a'.repeat(9_000_000)}"}`,
      refusal: /string of 9000000 characters/,
    },
    {
      name: 'oversized file',
      text: ' '.repeat(65 * 1024 * 1024),
      refusal: /larger than the 64\.0 MB limit/,
    },
    { name: 'NaN', text: `${header}"x":NaN}`, refusal: /not valid JSON/ },
    { name: 'infinite number', text: `${header}"x":1e999}`, refusal: /not a finite number/ },
    {
      name: 'NaN smuggled as float64 bits',
      text: resealedPlan(validText, (document) => ({
        ...document,
        fit: { ...(document.fit as object), smuggled: { f64: nan } },
      })),
      refusal: /\$\.fit\.smuggled\[7\] is not a finite number/,
    },
    {
      name: 'prototype keys',
      text: validText
        .replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"x":1},')
        .replace('"revision":1', '"revision":2'),
      refusal: /changed or corrupted after it was saved \(it holds 2 prototype key/,
    },
    {
      name: 'edited content (hash mismatch)',
      text: validText.replace('"revision":1', '"revision":7'),
      refusal: /changed or corrupted after it was saved \(its content hash does not match\)/,
    },
    {
      name: 'no content hash',
      text: validText.replace(/"contentHash":"[0-9a-f]{64}",/, ''),
      refusal: /changed or corrupted after it was saved \(it has no content hash\)/,
    },
    {
      name: 'wrong format',
      text: '{"format":"excalidraw","version":2}',
      refusal: /not an MMM Workbench plan/,
    },
    { name: 'a JSON array', text: '[1,2,3]', refusal: /not an MMM Workbench plan/ },
    {
      name: 'a fit result instead of a plan',
      text: '{"kind":"mmm-fit-result","version":2}',
      refusal: /fit result, not a plan/,
    },
    {
      name: 'binary (PNG header)',
      text: '\x89PNG\r\n\x1a\n\0\0\0\rIHDR',
      refusal: /not valid JSON/,
    },
    {
      name: 'future major version',
      text: resealedPlan(validText, (document) => ({
        ...document,
        formatVersion: { major: 2, minor: 0 },
      })),
      refusal: /written by a newer version of the app: update to open it/,
    },
    {
      name: 'a path where a file name belongs',
      text: resealedPlan(validText, (document) => ({
        ...document,
        reproduce: {
          file: '/home/someone/secret/data.csv',
          dateColumn: 'week',
          kpiColumn: 'kpi',
          channelColumns: [],
          weekStart: 'monday',
          liftTestsFile: null,
        },
      })),
      refusal: /reproduce\.file: a file name without folders/,
    },
  ];
}

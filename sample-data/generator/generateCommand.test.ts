import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGenerateArguments, runGenerate } from './generateCommand';
import { sampleFileNames } from './sampleDataset';

function capture(): {
  output: { log(line: string): void; error(line: string): void };
  logs: string[];
  errors: string[];
} {
  const logs: string[] = [];
  const errors: string[] = [];
  return {
    output: { log: (line) => logs.push(line), error: (line) => errors.push(line) },
    logs,
    errors,
  };
}

describe('generate command', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mmm-sample-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('parses options and names a bad one', () => {
    expect(
      parseGenerateArguments([
        '--seed',
        '7',
        '--out',
        'x',
        '--large-rows',
        '100',
        '--large-out',
        'y',
      ]),
    ).toMatchObject({
      seed: 7,
      out: 'x',
      largeRows: 100,
      largeOut: 'y',
      check: false,
    });
    expect(() => parseGenerateArguments(['--seed'])).toThrow(/--seed needs a value/);
    expect(() => parseGenerateArguments(['--seed', '1.5'])).toThrow(/--seed: "1.5"/);
    expect(() => parseGenerateArguments(['--large-rows', '0'])).toThrow(/--large-rows/);
    expect(() => parseGenerateArguments(['--colour'])).toThrow(/unknown option "--colour"/);
  });

  it('returns 2 with a message, not a stack trace, on bad usage', async () => {
    const { output, errors } = capture();
    expect(await runGenerate(['--out'], output)).toBe(2);
    expect(errors.join('\n')).toMatch(/--out needs a value/);
    expect(errors.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('writes the files, checks them, and flags a stale one', async () => {
    const out = join(folder, 'sample');
    const large = join(folder, 'large');
    const run = capture();
    expect(
      await runGenerate(
        ['--seed', '3', '--out', out, '--large-rows', '500', '--large-out', large],
        run.output,
      ),
    ).toBe(0);
    for (const name of sampleFileNames)
      expect(readFileSync(join(out, name), 'utf8').length).toBeGreaterThan(100);
    expect(
      readFileSync(join(large, 'media_daily_long_500.csv'), 'utf8').trimEnd().split('\n'),
    ).toHaveLength(501);
    const check = capture();
    expect(await runGenerate(['--seed', '3', '--out', out, '--check'], check.output)).toBe(0);
    writeFileSync(join(out, 'kpi_daily.csv'), 'date,geo,revenue,orders\n');
    const stale = capture();
    expect(await runGenerate(['--seed', '3', '--out', out, '--check'], stale.output)).toBe(1);
    expect(stale.errors.join('\n')).toMatch(/kpi_daily\.csv/);
  });
});

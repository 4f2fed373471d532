/**
 * `mmm fit --out x.mmmplan` and `mmm plan …` end to end in Node, and the reproduce promise: the
 * command a plan shows regenerates its draws bit for bit, from the data file and from the plan's
 * own weekly inputs.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPlanText, reproduceCommands, type OpenedPlan } from '../../models/plan';
import { generateWeeklyNational } from '../../sample-data/generator/weeklyNational';
import { capture, useSharedConnection } from '../testing/commandHarness';
import { run as runFit } from './fit';
import { run as runPlan } from './plan';

const openConnection = useSharedConnection();

async function fit(argv: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = capture();
  // --json: no progress lines on stderr.
  const code = await runFit([...argv, '--json'], {
    openConnection,
    stdout: capture(),
    stderr,
  });
  return { code, stderr: stderr.text() };
}

async function plan(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await runPlan(argv, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function opened(path: string): OpenedPlan {
  const result = openPlanText(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** Splits a command line as a POSIX shell would, for the quoting reproduceCommands writes. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2],
  );
}

const dir = mkdtempSync(join(tmpdir(), 'mmm-plan-'));
const generated = generateWeeklyNational({ weeks: 60, channels: 2, seed: 5 });
const csv = join(dir, 'weekly export.csv');
writeFileSync(
  csv,
  [
    ['week', 'sales', 'tv_spend', 'search_spend', ...generated.controls.names].join(','),
    ...generated.dates.map((date, t) =>
      [
        date,
        generated.kpi[t],
        ...generated.spend.map((s) => s[t]),
        ...generated.controls.values.map((v) => v[t]),
      ].join(','),
    ),
  ].join('\n') + '\n',
);
const fitFlags = [
  '--date',
  'week',
  '--kpi',
  'sales',
  '--channels',
  'tv=tv_spend,search=search_spend',
  '--controls',
  generated.controls.names.join(','),
  ...['--chains', '2', '--warmup', '60', '--draws', '40', '--seed', '11'],
];
const first = join(dir, 'first.mmmplan');

describe('mmm fit --out x.mmmplan', () => {
  it('writes a plan with the fit, no scenarios, and how the data were read', async () => {
    const { code, stderr } = await fit([csv, ...fitFlags, '--out', first]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { plan: written, verified } = opened(first);
    expect(verified).toBe(true);
    expect(written.scenarios).toEqual([]);
    expect(written.revision).toBe(1);
    expect(written.fit.draws.count).toBe(80);
    expect(written.reproduce).toEqual({
      file: 'weekly export.csv',
      dateColumn: 'week',
      kpiColumn: 'sales',
      channelColumns: [
        { channel: 'tv', column: 'tv_spend' },
        { channel: 'search', column: 'search_spend' },
      ],
      weekStart: 'monday',
      liftTestsFile: null,
    });
    expect(written.fit.data.files[0].name).toBe('weekly export.csv');
    expect(readFileSync(first, 'utf8')).not.toContain(dir);
  }, 240_000);
});

describe('reproduce: same data, spec and seed give bit-identical draws', () => {
  it('from the data file, with the command the plan shows', async () => {
    const original = opened(first).plan;
    const { fromData, caveats } = reproduceCommands(original, 'first.mmmplan');
    expect(caveats).toEqual([]);
    const words = shellWords(fromData!);
    expect(words.slice(0, 4)).toEqual(['npx', 'mmm', 'fit', 'weekly export.csv']);
    const again = join(dir, 'again.mmmplan');
    const { code, stderr } = await fit([csv, ...words.slice(4), '--out', again]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const regenerated = opened(again).plan;
    expect(regenerated.fit.draws).toEqual(original.fit.draws);
    expect(Buffer.from(new Float64Array(regenerated.fit.draws.values.flat()).buffer)).toEqual(
      Buffer.from(new Float64Array(original.fit.draws.values.flat()).buffer),
    );
    expect(regenerated.fit.spec).toEqual(original.fit.spec);
  }, 240_000);

  it('from the plan alone: mmm plan inputs, then mmm fit on its output', async () => {
    const original = opened(first).plan;
    const [inputsLine, fitLine] = reproduceCommands(original, join(dir, 'first.mmmplan')).fromPlan!;
    const inputs = await plan(shellWords(inputsLine).slice(3));
    expect(inputs.stderr).toBe('');
    expect(inputs.code).toBe(0);
    const fitWords = shellWords(fitLine);
    const weekly = fitWords[3];
    expect(existsSync(weekly)).toBe(true);
    const again = join(dir, 'from-plan.mmmplan');
    const { code, stderr } = await fit([...fitWords.slice(3), '--out', again]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const regenerated = opened(again).plan;
    expect(regenerated.fit.data.fingerprint).toBe(original.fit.data.fingerprint);
    expect(regenerated.fit.draws).toEqual(original.fit.draws);
  }, 240_000);
});

describe('mmm plan', () => {
  it('verify: one line and exit 0 for a valid plan; the reason and exit 1 for a changed one', async () => {
    const valid = await plan(['verify', first]);
    expect(valid.code).toBe(0);
    expect(valid.stdout.trim().split('\n')).toHaveLength(1);
    expect(valid.stdout).toMatch(/valid plan .* content hash [0-9a-f]{12}… verified/);
    const tampered = join(dir, 'tampered.mmmplan');
    writeFileSync(tampered, readFileSync(first, 'utf8').replace('"revision":1', '"revision":3'));
    const refused = await plan(['verify', tampered]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^mmm plan verify: .*tampered\.mmmplan: this plan was changed or corrupted after it was saved \(its content hash does not match\)\n$/,
    );
    const truncated = join(dir, 'truncated.mmmplan');
    writeFileSync(truncated, readFileSync(first, 'utf8').slice(0, 5000));
    expect((await plan(['verify', truncated])).stderr).toMatch(/looks truncated/);
    expect((await plan(['verify', join(dir, 'missing.mmmplan')])).stderr).toMatch(/no such file/);
  });

  it('show: text with the reproduce commands, and --json', async () => {
    const text = await plan(['show', first]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('regenerate the draws:');
    expect(text.stdout).toContain("npx mmm fit 'weekly export.csv' --date week --kpi sales");
    const json = JSON.parse((await plan(['show', first, '--json'])).stdout);
    expect(json.channels.map((c: { name: string }) => c.name)).toEqual(['tv', 'search']);
    expect(json.reproduce.fromPlan).toHaveLength(2);
  });

  it('diff: a plan against a regenerated one has no drift; --json gives the object', async () => {
    const result = await plan(['diff', first, join(dir, 'again.mmmplan'), '--json']);
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout);
    expect(diff.relation).toBe('unrelated');
    expect(diff.spec).toEqual([]);
    for (const channel of diff.channels) expect(channel.roi.change).toBe(0);
    expect((await plan(['diff', first, first])).stdout).toContain('lineage: same plan');
  });

  it('migrate: an old version rewritten in the current format; never over another plan', async () => {
    const old = join(dir, 'old.mmmplan');
    copyFileSync('models/plan/fixtures/plan.v1.0.mmmplan', old);
    const migrated = join(dir, 'migrated.mmmplan');
    const result = await plan(['migrate', old, '--out', migrated]);
    expect(result.stderr).toContain('note: old.mmmplan: written by an older version');
    expect(result.code).toBe(0);
    const back = opened(migrated);
    expect(back.notices).toEqual([]);
    expect(back.plan.formatVersion).toEqual({ major: 1, minor: 1 });
    expect(back.plan.planId).toBe(opened(old).plan.planId);
    // The same plan again: replaced, the previous file kept as .bak.
    expect((await plan(['migrate', old, '--out', migrated])).code).toBe(0);
    expect(existsSync(`${migrated}.bak`)).toBe(true);
    const refused = await plan(['migrate', old, '--out', first]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/first\.mmmplan holds another plan .*nothing was written/);
    expect(opened(first).plan.fit.data.kpiName).toBe('sales');
  });

  it('report: a static HTML page', async () => {
    const out = join(dir, 'report.html');
    expect((await plan(['report', first, '--out', out])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
  });

  it.each([
    [['frobnicate'], /unknown subcommand 'frobnicate'/],
    [['verify'], /takes one plan file, got 0/],
    [['diff', 'a'], /takes two plan files, got 1/],
    [['report', 'a.mmmplan'], /needs --out/],
    [['verify', 'a', '--out', 'b'], /writes nothing: drop --out/],
    [['show', 'a', '--bogus'], /Unknown option '--bogus'/],
  ])('bad flags %j: exit 2 and one line', async (argv, message) => {
    const result = await plan(argv as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

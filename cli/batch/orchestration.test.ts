/**
 * docs/batch.md's recipes, checked without a Docker daemon or a cluster: the Dockerfile is parsed,
 * its final stage is laid out in a folder as the image would hold it (the prebuilt CLI, its
 * launcher, node_modules), and its entry command is run there — first as the image's default
 * command, then with the arguments of every pod of the Kubernetes Indexed Job, the summary Job and
 * the Airflow DAG's tasks, on a copy of the example manifest (at test size) in a folder standing in
 * for the shared /data volume. That runs `mmm batch` through the bundle, with job workers and
 * chain workers, and its results must equal `mmm fit` run in this thread, bit for bit.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRunner } from '../../models/inference/chains';
import { comparableReport, parseFitReport, type FitReport } from '../../models/report';
import { writeSampleMarkets } from '../../scripts/sampleMarkets';
import { buildCli } from '../../scripts/build-cli.mjs';
import { run as runFit } from '../commands/fit';
import { openNodeConnection } from '../duckdbNode';
import { readManifest } from './manifest';
import type { BatchSummary } from './summary';

const root = resolve(__dirname, '../..');
const docs = join(root, 'docs/batch');

interface Instruction {
  readonly keyword: string;
  readonly value: string;
}

/** Dockerfile → its stages' instructions (comments dropped, `\` continuations joined). */
function parseDockerfile(text: string): { name: string | null; steps: Instruction[] }[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { name: string | null; steps: Instruction[] }[] = [];
  for (const line of logical) {
    const [, keyword, value] = /^([A-Za-z]+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`Dockerfile: cannot read '${line}'`);
    const upper = keyword.toUpperCase();
    if (upper === 'FROM')
      stages.push({ name: /\sAS\s+(\S+)$/i.exec(value)?.[1] ?? null, steps: [] });
    else if (stages.length === 0) throw new Error(`Dockerfile: ${upper} before FROM`);
    stages.at(-1)!.steps.push({ keyword: upper, value });
  }
  return stages;
}

const work = mkdtempSync(join(tmpdir(), 'mmm-orchestration-'));
const image = join(work, 'image');
const data = join(work, 'data');
const stages = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const only = (keyword: string) => runtime.steps.filter((step) => step.keyword === keyword);
const entrypoint = JSON.parse(only('ENTRYPOINT').at(-1)!.value) as string[];
const defaultCommand = JSON.parse(only('CMD').at(-1)!.value) as string[];
const workdir = only('WORKDIR').at(-1)!.value;

/** A path of the image (/app/…, /data/…) → where this test laid it out. */
const local = (path: string): string =>
  path.replace(/^\/app(?=\/|$)/, image).replace(/^\/data(?=\/|$)/, data);

/** Runs the image's entry command with `args` as the container would (its WORKDIR, its env). */
function container(args: readonly string[]) {
  const [program, ...rest] = entrypoint;
  const result = spawnSync(
    program === 'node' ? process.execPath : program,
    [...rest, ...args].map(local),
    {
      cwd: local(workdir),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOME: work },
      timeout: 240_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SAMPLER = { chains: 2, warmup: 40, draws: 30 };
const MARKETS = ['north', 'national'];

beforeAll(async () => {
  // The final stage: what it copies from the build stage, with the CLI built as `npm run build:cli`.
  mkdirSync(image);
  for (const step of only('COPY')) {
    const [, from, source, target] = /^--from=(\S+)\s+(\S+)\s+(\S+)$/.exec(step.value) ?? [];
    expect(from, `COPY ${step.value} takes its files from the build stage`).toBe('build');
    const relativeSource = source.replace(/^\/app\/?/, '');
    mkdirSync(resolve(local(target), '..'), { recursive: true });
    if (relativeSource === 'node_modules') symlinkSync(join(root, 'node_modules'), local(target));
    else if (relativeSource === 'dist-cli') await buildCli(local(target));
    else cpSync(join(root, relativeSource), local(target), { recursive: true });
  }
  // The shared volume: the example manifest at test size, over two of its markets.
  mkdirSync(data);
  const connection = await openNodeConnection();
  await writeSampleMarkets(connection, data, ['north']);
  await connection.close();
  copyFileSync(
    join(root, 'sample-data/media_weekly_wide.csv'),
    join(data, 'media_weekly_wide.csv'),
  );
  const example = JSON.parse(readFileSync(join(docs, 'markets.json'), 'utf8'));
  writeFileSync(
    join(data, 'markets.json'),
    JSON.stringify({
      ...example,
      defaults: { ...example.defaults, ...SAMPLER },
      jobs: example.jobs.filter((job: { market: string }) => MARKETS.includes(job.market)),
    }),
  );
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function report(path: string): FitReport {
  const parsed = parseFitReport(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.report;
}

describe('the container image (Dockerfile)', () => {
  it('builds the CLI with npm ci in a build stage and runs it from a final stage with no build step', () => {
    const build = stages.find((stage) => stage.name === 'build');
    const commands = build?.steps.filter((step) => step.keyword === 'RUN').map((s) => s.value);
    expect(commands?.some((command) => /\bnpm ci\b/.test(command))).toBe(true);
    expect(commands?.some((command) => /\bnpm run build:cli\b/.test(command))).toBe(true);
    // Nothing runs in the final image but the CLI: no install, no download at run time.
    expect(only('RUN')).toEqual([]);
    expect(only('USER').at(-1)?.value).toBe('node');
    expect(entrypoint).toEqual(['node', '/app/cli/bin/mmm.mjs']);
    const help = container(defaultCommand);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: mmm <command>/);
    expect(help.stdout).toMatch(/mmm batch/);
    // The prebuilt bundle ran (the launcher says so when it falls back to the sources).
    expect(help.stderr).toBe('');
  });

  it('keeps the build context small (.dockerignore)', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split(/\r?\n/);
    for (const folder of ['node_modules', 'dist-cli', '.git']) expect(ignored).toContain(folder);
  });
});

describe('docs/batch examples', () => {
  it('the example manifest is one mmm batch reads, with a job per market', async () => {
    const jobs = await readManifest(join(docs, 'markets.json'));
    expect(jobs.map((job) => job.market)).toEqual([
      'north',
      'south',
      'east',
      'west',
      'central',
      'national',
    ]);
    expect(jobs.every((job) => job.problem === null)).toBe(true);
  });

  it('the Kubernetes Indexed Job: every pod runs its shard, then the summary Job collects them', async () => {
    const documents = parseAllDocuments(readFileSync(join(docs, 'k8s-job.yaml'), 'utf8')).map(
      (document) => {
        expect(document.errors).toEqual([]);
        return document.toJS();
      },
    );
    const [refit, summaryJob] = documents;
    expect([refit.kind, refit.apiVersion, summaryJob.kind]).toEqual(['Job', 'batch/v1', 'Job']);
    expect(refit.spec.completionMode).toBe('Indexed');
    const pod = refit.spec.template.spec;
    const [fit] = pod.containers;
    expect(fit.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    const completions: number = refit.spec.completions;
    const shards = fit.args.at(-1);
    expect(shards).toBe(`$(JOB_COMPLETION_INDEX)/${completions}`);
    for (let index = 0; index < completions; index++) {
      const args = (fit.args as string[]).map((arg) =>
        arg.replace('$(JOB_COMPLETION_INDEX)', String(index)),
      );
      const pod = container(args);
      expect(pod.code, `pod ${index}: ${pod.stderr}`).toBe(0);
    }
    const collect = container(summaryJob.spec.template.spec.containers[0].args);
    expect(collect.code, collect.stderr).toBe(0);
    const summary = JSON.parse(
      readFileSync(join(data, 'out/summary.json'), 'utf8'),
    ) as BatchSummary;
    expect(summary.jobs.map((job) => [job.market, job.status])).toEqual([
      ['north', 'skipped'],
      ['national', 'skipped'],
    ]);

    // Fitted in job workers through the bundle ≡ the same mmm fit in this thread.
    const [north] = await readManifest(join(data, 'markets.json'));
    const alone = join(work, 'north-alone.json');
    const connection = await openNodeConnection();
    try {
      const quiet = { write: () => true };
      const code = await runFit([...north.argv, '--out', alone, '--json'], {
        openConnection: async () => connection,
        runner: inProcessRunner,
        stdout: quiet,
        stderr: quiet,
      });
      expect(code).toBe(0);
    } finally {
      await connection.close();
    }
    expect(comparableReport(report(join(data, 'out/north/result.json')))).toEqual(
      comparableReport(report(alone)),
    );
  }, 600_000);

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)(
    'the Airflow DAG: one task per market of the manifest, then the summary (python3 reads the DAG without Airflow)',
    async () => {
      // Runs the DAG's constants and argument function, not its Airflow imports.
      const harness = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
keep = [n for n in tree.body if isinstance(n, (ast.Assign, ast.FunctionDef))
        and not (isinstance(n, ast.Assign) and isinstance(n.value, ast.Call))]
scope = {}
exec(compile(ast.Module(body=keep, type_ignores=[]), sys.argv[1], "exec"), scope)
print(json.dumps({"markets": scope["MARKETS"],
                  "fits": [scope["mmm_arguments"](m) for m in scope["MARKETS"]],
                  "summary": scope["SUMMARY_ARGUMENTS"]}))`;
      const read = spawnSync('python3', ['-c', harness, join(docs, 'airflow_dag.py')], {
        encoding: 'utf8',
      });
      expect(read.status, read.stderr).toBe(0);
      const dag = JSON.parse(read.stdout) as {
        markets: string[];
        fits: string[][];
        summary: string[];
      };
      const manifestMarkets = (await readManifest(join(docs, 'markets.json'))).map(
        (job) => job.market,
      );
      expect(dag.markets).toEqual(manifestMarkets);
      // On the test volume's two markets (already fitted when the Kubernetes test ran first).
      for (const args of dag.fits.filter((args) => MARKETS.includes(args.at(-1)!))) {
        const task = container(args);
        expect(task.code, task.stderr).toBe(0);
        expect(task.stdout).toMatch(/no summary files written/);
      }
      const unknown = container(dag.fits.find((args) => args.at(-1) === 'south')!);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/--only: no market 'south'/);
      const summary = container(dag.summary);
      expect(summary.code, summary.stderr).toBe(0);
      expect(existsSync(join(data, 'out/summary.csv'))).toBe(true);
    },
    600_000,
  );
});

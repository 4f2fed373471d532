/**
 * The command the Results task shows beside a fit reproduces it: the app fits the bundled sample's
 * three daily files (mapping as detected, priors stated as ranges, a lift test typed into the
 * table); the command string it shows is split as a shell would and run through `mmm fit` in a
 * folder holding the data files and the files the app offers (mapping.json, priors.json,
 * lift-tests.csv); the CLI's draws are the app's draws, number for number.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRunner } from '../../models/inference/chains';
import { parseFitReport } from '../../models/report';
import { run } from '../../cli/commands/fit';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { parquetToIpcNode } from '../../cli/parquetNode';
import { openInputFile } from '../../cli/readBytes';
import {
  fitCommand,
  fitCommandFiles,
  LIFT_TESTS_FILE,
  MAPPING_FILE,
  PRIORS_FILE,
} from '../logic/fitCommand';
import { provideDataServices, useDataStore } from '../stores/data';
import {
  defaultFitSettings,
  provideChainRunner,
  provideDigestRunner,
  provideReportRunner,
  useModelStore,
} from '../stores/model';
import { useModelInputsStore } from '../stores/modelInputs';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import { createBrowserDigestRunner, handleDigestMessage } from './fileDigests';
import { createBrowserReportRunner, handleReportMessage } from './reportRunner';

const SAMPLE = ['media_daily_long.csv', 'kpi_daily.csv', 'controls_daily.csv'];

/** Splits a command line as a POSIX shell does for plain and single-quoted words. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') {
      word = (word ?? '') + line[i + 1];
      i += 1;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (char === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + char;
  }
  if (word !== null) words.push(word);
  return words;
}

let connection: ClosableSqlConnection;
let folder: string;
beforeAll(async () => {
  connection = await openNodeConnection();
  folder = mkdtempSync(join(tmpdir(), 'mmm-reproduce-'));
});
afterAll(async () => {
  await connection.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the reproduce command', () => {
  it('splits like a shell, quoting what needs it', () => {
    expect(shellWords("mmm fit 'my data.csv' --controls '' --channels 'it'\\''s'")).toEqual([
      'mmm',
      'fit',
      'my data.csv',
      '--controls',
      '',
      '--channels',
      "it's",
    ]);
  });

  it('run headless in a folder with the data and the offered files, gives the same draws', async () => {
    setActivePinia(createPinia());
    const quiet = { write: () => true };
    provideDataServices({
      connection: async () => connection,
      parquetToIpc: parquetToIpcNode,
      fetchSample: async () => [],
      storage: null,
    });
    const data = useDataStore();
    const inputs = [];
    for (const name of SAMPLE) inputs.push(await openInputFile(`sample-data/${name}`));
    await data.importFiles(inputs);
    const frame = data.frame;
    if (!frame) throw new Error(`no frame: ${JSON.stringify(data.errors)}`);

    provideChainRunner(() => inProcessRunner);
    provideReportRunner(
      createBrowserReportRunner({
        createWorker: () => inProcessOneShotWorker(handleReportMessage),
      }),
    );
    provideDigestRunner(
      createBrowserDigestRunner({
        createWorker: () => inProcessOneShotWorker(handleDigestMessage),
      }),
    );
    const modelInputs = useModelInputsStore();
    modelInputs.setRoi('search', { median: 2.5, lower: 1, upper: 6 });
    modelInputs.setKernelPrior('tv', 'adstock', 'decay', {
      distribution: 'beta',
      alpha: 3,
      beta: 2,
    });
    modelInputs.addLiftRow({
      channel: 'tv',
      startDate: '2023-03-06',
      endDate: '2023-03-27',
      measuredLift: '250000',
      standardError: '60000',
    });
    const model = useModelStore();
    model.settings = {
      ...defaultFitSettings(),
      channels: ['tv', 'search', 'social'],
      controls: ['price_index'],
      chains: 1,
      warmup: 60,
      draws: 40,
      seed: 11,
      holdoutWeeks: 4,
    };
    const record = await model.fit(frame);
    if (!record) throw new Error(model.message ?? 'no fit');

    const command = fitCommand(record);
    expect(command).toContain('--mapping mapping.json');
    expect(command).toContain('--priors priors.json');
    expect(command).toContain('--lift-tests lift-tests.csv');
    const offered = fitCommandFiles(record);
    writeFileSync(join(folder, MAPPING_FILE), offered.mapping ?? '');
    writeFileSync(join(folder, PRIORS_FILE), offered.priors ?? '');
    writeFileSync(join(folder, LIFT_TESTS_FILE), offered.liftTests ?? '');
    for (const name of SAMPLE) copyFileSync(`sample-data/${name}`, join(folder, name));

    const [program, verb, ...argv] = shellWords(command);
    expect([program, verb]).toEqual(['mmm', 'fit']);
    const out = join(folder, 'result.json');
    const home = process.cwd();
    process.chdir(folder);
    let code: number;
    try {
      code = await run([...argv, '--out', out, '--json'], {
        openConnection: async () => connection,
        runner: inProcessRunner,
        stdout: quiet,
        stderr: { write: (text: string) => (process.stderr.write(text), true) },
      });
    } finally {
      process.chdir(home);
    }
    expect(code).toBe(0);
    const parsed = parseFitReport(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const cli = parsed.report;
    const app = record.report;
    expect(cli.draws).toEqual(app.draws);
    expect(cli.spec).toEqual(app.spec);
    expect(cli.inputs).toEqual(app.inputs);
    expect(cli.data.files).toEqual(app.data.files);
    expect(cli.channels).toEqual(app.channels);
    expect(app.spec.channelOverrides.search.roi).toMatchObject({ mu: Math.log(2.5) });
    expect(app.inputs?.experiments).toHaveLength(1);
  }, 240_000);
});

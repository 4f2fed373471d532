/**
 * One result, one path: the same data, spec and seed fitted through the app's code (data store →
 * model frame → model store → report worker handler) and through `mmm fit --out` give identical
 * reports — every number, the spec, the sampler settings, the draws, the input files (name, size,
 * SHA-256 hashed in the app's digest worker, rows, columns) — timing and createdAt aside.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRunner } from '../../models/inference/chains';
import { comparableReport, parseFitReport, type FitReport } from '../../models/report';
import { run } from '../../cli/commands/fit';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { parquetToIpcNode } from '../../cli/parquetNode';
import { openInputFile } from '../../cli/readBytes';
import type { DataServices } from '../data/services';
import { provideDataServices, useDataStore } from '../stores/data';
import {
  defaultFitSettings,
  provideChainRunner,
  provideDigestRunner,
  provideReportRunner,
  useModelStore,
} from '../stores/model';
import { createBrowserDigestRunner, handleDigestMessage } from './fileDigests';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import { createBrowserReportRunner, handleReportMessage } from './reportRunner';

const FILE = 'sample-data/media_weekly_wide.csv';
// The app names a channel after its column's stem; the CLI takes the same names as name=column.
const CHANNELS = ['tv', 'search', 'social'];
const CONTROLS = ['price_index', 'promo'];
const SAMPLER = { chains: 2, warmup: 120, draws: 80, seed: 7 };

let connection: ClosableSqlConnection;
let folder: string;
beforeAll(async () => {
  connection = await openNodeConnection();
  folder = mkdtempSync(join(tmpdir(), 'mmm-parity-'));
});
afterAll(async () => {
  await connection.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('app and CLI give the same fit report', () => {
  it('for the same frame, spec and seed', async () => {
    setActivePinia(createPinia());
    const services: DataServices = {
      connection: async () => connection,
      parquetToIpc: parquetToIpcNode,
      fetchSample: async () => [],
      storage: null,
    };
    provideDataServices(services);
    const data = useDataStore();
    await data.importFiles([await openInputFile(FILE)]);
    const frame = data.frame;
    if (!frame) throw new Error(`no frame: ${JSON.stringify(data.errors)}`);

    provideChainRunner(() => inProcessRunner);
    provideDigestRunner(
      createBrowserDigestRunner({
        createWorker: () => inProcessOneShotWorker(handleDigestMessage),
      }),
    );
    provideReportRunner(
      createBrowserReportRunner({
        createWorker: () => inProcessOneShotWorker(handleReportMessage),
      }),
    );
    const model = useModelStore();
    model.settings = {
      ...defaultFitSettings(),
      ...SAMPLER,
      channels: CHANNELS,
      controls: CONTROLS,
    };
    const record = await model.fit(frame);
    if (!record) throw new Error(model.message ?? 'no fit');

    const out = join(folder, 'result.json');
    const quiet = { write: () => true };
    const code = await run(
      [
        FILE,
        '--date',
        'week',
        '--kpi',
        'revenue',
        '--channels',
        CHANNELS.map((name) => `${name}=${name}_spend`).join(','),
        '--controls',
        CONTROLS.join(','),
        '--chains',
        String(SAMPLER.chains),
        '--warmup',
        String(SAMPLER.warmup),
        '--draws',
        String(SAMPLER.draws),
        '--seed',
        String(SAMPLER.seed),
        '--out',
        out,
        '--json',
      ],
      {
        openConnection: async () => connection,
        runner: inProcessRunner,
        stdout: quiet,
        stderr: quiet,
      },
    );
    expect(code).toBe(0);
    const parsed = parseFitReport(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);

    // Round-trip the app's report through JSON too, as the file was.
    const app = JSON.parse(JSON.stringify(record.report)) as FitReport;
    expect(comparableReport(app, { ignoreInputFiles: true })).toEqual(
      comparableReport(parsed.report, { ignoreInputFiles: true }),
    );
    expect(app.draws.values[0].length).toBe(SAMPLER.chains * SAMPLER.draws);
    expect(app.data.files).toEqual([
      expect.objectContaining({ name: 'media_weekly_wide.csv', rows: 156 }),
    ]);
    expect(app.data.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

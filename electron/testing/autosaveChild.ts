/**
 * A stand-in app process for the autosave crash test (electron/sessionCrash.test.ts): it runs a real
 * fit in worker_threads and, while the chains sample, autosaves with the app's own code — the
 * renderer's session codec (renderer/session/sessionCodec.ts) and main's atomic entry writer
 * (electron/sessionFiles.ts) — as fast as it can: the meta entry carrying a counter, and a fit
 * entry with a full report. After each completed write it prints `saved <counter>`; the test kills
 * it with SIGKILL at some moment and checks what a restart reads back.
 */
import { readFileSync } from 'node:fs';
import { createNodeChainRunner } from '../../cli/workers/nodeChainRunner';
import type { MmmFitRecord, FitReport } from '../../models/report';
import { simulateMmmData } from '../../models/testing/simulateMmmData';
import { encodeFitEntry, encodeMeta } from '../../renderer/session/sessionCodec';
import { writeSessionEntry } from '../sessionFiles';

const folder = process.argv[2];
const reportJson = readFileSync(
  new URL('../../renderer/charts/fixtures/fit-result.sample.json', import.meta.url),
  'utf8',
);
const report = JSON.parse(reportJson) as FitReport;

function record(id: number): MmmFitRecord {
  return {
    kind: 'mmm',
    id,
    finishedAt: new Date().toISOString(),
    origin: 'session',
    spec: null,
    fingerprint: report.data.fingerprint,
    report,
  };
}

let counter = 0;
let sampling = true;

async function autosave(): Promise<void> {
  while (sampling) {
    counter += 1;
    const id = 1 + (counter % 3);
    await writeSessionEntry(folder, `fit-${id}`, encodeFitEntry(record(id), reportJson));
    await writeSessionEntry(
      folder,
      'meta',
      encodeMeta({
        savedAt: new Date().toISOString(),
        mapping: null,
        fitSettings: {
          channels: null,
          controls: null,
          adstock: 'geometric',
          saturation: 'hill',
          chains: 2,
          warmup: 500,
          // The counter travels in a field the test can read back.
          draws: counter,
          seed: 1,
          holdoutWeeks: 0,
          level: 'national',
          population: null,
        },
        priors: {},
        liftRows: [],
        fitIds: [1, 2, 3],
      }),
    );
    process.stdout.write(`saved ${counter}\n`);
  }
}

const { data } = simulateMmmData({ weeks: 60, channels: 2, seed: 5 });
const saving = autosave();
await createNodeChainRunner({ maxConcurrency: 2 }).run({
  target: { kind: 'mmm', input: { spec: {}, data } },
  chains: 2,
  warmup: 5000,
  draws: 5000,
  seed: 3,
});
sampling = false;
await saving;
process.stdout.write('finished\n');

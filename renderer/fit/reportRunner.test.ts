/**
 * The fit report through the one-shot worker runner, with a stand-in worker running the real
 * handler (the same code as renderer/workers/report.worker.ts; the Web Worker itself runs in
 * e2e/model.spec.ts): the same report as `reportOfFit` on this thread, cancel and errors.
 */
import { describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import { inProcessRunner } from '../../models/inference/chains';
import { reportOfFit, type FitContext } from '../../models/report';
import { simulatedFrame } from '../causal/testFrames';
import {
  buildFitRequest,
  buildMmmInput,
  defaultFitSettings,
  resolveFitSpec,
} from '../stores/model';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import { createBrowserFitFileRunner, handleFitFileMessage } from './fitFiles';
import { createBrowserReportRunner, fieldedJson, handleReportMessage } from './reportRunner';
import { serialiseFitValue } from './fitText';

const { frame } = simulatedFrame({ weeks: 60, channels: 2, seed: 4, noise: 0.05 });
const spec = resolveFitSpec(frame, {
  ...defaultFitSettings(),
  chains: 1,
  warmup: 40,
  draws: 40,
  seed: 2,
});
const request = buildFitRequest(buildMmmInput(frame, spec), spec);
const fit = await inProcessRunner.run(request);
const context: FitContext = { kpiName: 'kpi', source: 'a.csv', files: [], createdAt: null };

describe('createBrowserReportRunner', () => {
  it('gives the report built on this thread, and lets the worker go', async () => {
    const worker = inProcessOneShotWorker(handleReportMessage);
    const report = await createBrowserReportRunner({ createWorker: () => worker }).build({
      request,
      fit,
      context,
    });
    const direct = reportOfFit(request, fit, context);
    expect({ ...report, timing: null }).toEqual({ ...direct, timing: null });
    expect(report.channels.map((c) => c.name)).toEqual(frame.channels);
    expect(report.draws.count).toBe(40);
    expect(report.inputs?.channels.map((c) => c.name)).toEqual(frame.channels);
    expect(worker.terminated).toBe(true);
  });

  it('sends the JSON field by field: the same text as the whole, each field its own byte range', () => {
    const direct = reportOfFit(request, fit, context);
    // A field written as NaN (null in JSON) and one left undefined (left out), as JSON.stringify does.
    // Non-ASCII text before later fields: byte ranges, not character ranges.
    const odd = {
      ...direct,
      data: { ...direct.data, kpiName: 'Umsatz € — ventes télé' },
      fit: { ...direct.fit, r2: Number.NaN },
      extra: undefined,
    };
    for (const report of [direct, odd as typeof direct]) {
      const { json, fields } = fieldedJson(report);
      const text = new TextDecoder().decode(json);
      expect(text).toBe(serialiseFitValue(report));
      expect(fields.map(([key]) => key)).toEqual(
        Object.keys(report).filter((key) => key !== 'extra'),
      );
      const parsed = JSON.parse(text) as Record<string, unknown>;
      for (const [key, start, end] of fields)
        expect(JSON.parse(new TextDecoder().decode(json.subarray(start, end)))).toEqual(
          parsed[key],
        );
    }
  });

  it('an abort rejects with AbortError and terminates the worker', async () => {
    const worker = inProcessOneShotWorker(handleReportMessage);
    const controller = new AbortController();
    const pending = createBrowserReportRunner({ createWorker: () => worker }).build(
      { request, fit, context },
      controller.signal,
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.terminated).toBe(true);
  });

  it('an error in the worker comes back with its message (draws that do not fit the model)', async () => {
    const other = { ...fit, parameterNames: fit.parameterNames.slice(1) };
    await expect(
      createBrowserReportRunner({
        createWorker: () => inProcessOneShotWorker(handleReportMessage),
      }).build({ request, fit: other, context }),
    ).rejects.toThrow(/not the target's/);
  });

  it("brings the report's JSON with it, so saving it again sends nothing to a worker", async () => {
    const report = await createBrowserReportRunner({
      createWorker: () => inProcessOneShotWorker(handleReportMessage),
    }).build({ request, fit, context });
    let workers = 0;
    const files = createBrowserFitFileRunner({
      createWorker: () => {
        workers += 1;
        return inProcessOneShotWorker(handleFitFileMessage);
      },
    });
    // Through a reactive proxy, as the results store holds it.
    const text = await files.serialise(reactive({ report }).report);
    expect(workers).toBe(0);
    // The same text the fit-file worker writes for a copy of the report it has never seen.
    expect(text).toBe(await files.serialise(structuredClone(report)));
    expect(workers).toBe(1);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('warm() starts the worker ahead, and the next build uses it', async () => {
    const made: { terminated: boolean }[] = [];
    const runner = createBrowserReportRunner({
      createWorker: () => {
        const worker = inProcessOneShotWorker(handleReportMessage);
        made.push(worker);
        return worker;
      },
    });
    runner.warm?.();
    runner.warm?.();
    expect(made).toHaveLength(1);
    await runner.build({ request, fit, context });
    expect(made).toHaveLength(1);
    expect(made[0].terminated).toBe(true);
    await runner.build({ request, fit, context });
    expect(made).toHaveLength(2);
  });
});

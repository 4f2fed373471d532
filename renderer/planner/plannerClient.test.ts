import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../models/inference/cancellation';
import { scenarioInputs } from '../../models/planning/scenarioInputs';
import { parseFitReport } from '../../models/report';
import { createPlannerApi } from './plannerApi';
import { channelPlannerWorker as channelWorker } from './channelPlannerWorker';
import { createPlannerClient } from './plannerClient';

const parsed = parseFitReport(
  readFileSync(new URL('../../models/report/fixtures/fit-result.v2.json', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error(parsed.message);
const report = parsed.report;

const inputs = (reference: readonly number[], channelNames: readonly string[]) =>
  scenarioInputs(channelNames, reference);

describe('planner client through a message channel', () => {
  it('loads once and answers evaluate and optimise from the warm session, as the API does directly', async () => {
    const created = { count: 0 };
    const client = createPlannerClient(channelWorker(created));
    const info = await client.load(report);
    expect(info.channelNames).toEqual(['tv_spend', 'search_spend']);
    expect(info.provisional).toBe(true);
    const { reference } = await client.horizon(13, { kind: 'reference' });
    const scenario = inputs(reference, info.channelNames);
    const viaWorker = await client.evaluate(scenario);
    const direct = createPlannerApi();
    direct.load(report);
    const inProcess = direct.evaluate(scenario);
    expect(viaWorker.total.incremental).toEqual(inProcess.total.incremental);
    const optimised = await client.optimise({
      ...scenario,
      objective: { kind: 'max-kpi', budget: viaWorker.total.spend },
    });
    expect(optimised.result.total.incremental.mean).toBeGreaterThanOrEqual(
      viaWorker.total.incremental.mean,
    );
    expect(created.count).toBe(1);
    client.dispose();
  });

  it('cancel rejects what is pending with AbortError and a fresh worker reloads the fit', async () => {
    const created = { count: 0 };
    const client = createPlannerClient(channelWorker(created));
    const info = await client.load(report);
    const { reference } = await client.horizon(13, { kind: 'flat' });
    const pending = client.frontier(inputs(reference, info.channelNames));
    client.cancel();
    await expect(pending).rejects.toSatisfy(isAbortError);
    const after = await client.evaluate(inputs(reference, info.channelNames));
    expect(after.channels).toHaveLength(2);
    expect(created.count).toBe(2);
    client.dispose();
  });

  it("passes the planner's refusals through as one-sentence errors", async () => {
    const client = createPlannerClient(channelWorker({ count: 0 }));
    const info = await client.load(report);
    const { reference } = await client.horizon(13, { kind: 'reference' });
    await expect(
      client.optimise({
        ...inputs(reference, info.channelNames),
        objective: { kind: 'max-kpi', budget: 1 },
      }),
    ).rejects.toThrow(/the budget 1 is less than the channels' lower bounds/);
    client.dispose();
  });
});

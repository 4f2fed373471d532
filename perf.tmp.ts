import { planningFixture } from './models/testing/planningFixture';
import { buildHorizonModel } from './models/planning/horizonModel';
import { resolveConstraints } from './models/planning/constraints';
import { createAllocationWorkspace, evaluateAllocation } from './models/planning/evaluateAllocation';
import { scenarioOutcome } from './models/planning/scenarioOutcome';
const { target, draws } = planningFixture({ channels: 20, draws: 2000, seed: 1 });
const model = buildHorizonModel({ target, draws, horizonWeeks: 13, flighting: { kind: 'reference' } });
const constraints = resolveConstraints({ channelNames: model.channelNames, reference: model.reference, bounds: [], locked: [], groups: [] });
const work = createAllocationWorkspace(model);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let i = 0; i < 10; i++) {
  let t = cpu();
  evaluateAllocation(model, model.reference, work, { carryOut: true });
  const a = cpu() - t; t = cpu();
  scenarioOutcome(model, work, model.reference, constraints);
  console.log('eval cpu', a.toFixed(1), 'summary cpu', (cpu() - t).toFixed(1));
}

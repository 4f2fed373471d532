import { describe, expect, it } from 'vitest';
import { computeComponents } from '../mmm/components';
import type { MmmModel } from '../mmm/model';
import { createMmmTarget } from '../mmm/target';
import type { MmmInput } from '../mmm/types';
import { handMadeFit } from '../testing/handMadeFit';
import { simulateMmmData } from '../testing/simulateMmmData';
import { buildFitReport } from './fitReport';
import { withRememberedComponents } from './reportModel';

const { data } = simulateMmmData({ weeks: 60, channels: 3, seed: 9, controls: 1 });
const input: MmmInput = { spec: { adstock: 'weibullPdf', holdoutWeeks: 5 }, data };

describe('withRememberedComponents', () => {
  it("runs one forward pass per draw for the data's spend, and every scenario afresh", () => {
    const target = createMmmTarget(input);
    let calls = 0;
    const counted: MmmModel = Object.assign(Object.create(target) as MmmModel, {
      components: (...args: Parameters<MmmModel['components']>) => {
        calls += 1;
        return target.components(...args);
      },
    });
    const views = withRememberedComponents(counted);
    const parameters = target.constrain(new Float64Array(target.dimension).fill(0.1));
    const first = views.components(parameters);
    expect(views.components(parameters)).toBe(first);
    expect(views.components(parameters, target.design.spend)).toBe(first);
    expect(calls).toBe(1);
    const doubled = target.design.spend.map((s) => s.map((v) => 2 * v));
    expect(views.components(parameters, doubled)).not.toBe(first);
    expect(calls).toBe(2);
    expect(views.design).toBe(target.design);
    expect(views.constrain).toBe(target.constrain);
  });

  it('leaves the report identical to one built on the plain forward pass, to the bit', () => {
    const { target, fit, request } = handMadeFit(input, { spread: 0.05 });
    // The target as it was before the shared scratch: a fresh, plain forward pass per call.
    const plainTarget: MmmModel = Object.assign(Object.create(target) as MmmModel, {
      components: (...[parameters, spend]: Parameters<MmmModel['components']>) =>
        computeComponents(target.spec, target.design, parameters, spend),
    });
    const options = {
      request,
      fit,
      timing: { totalSeconds: 1, warmupSeconds: 0, samplingSeconds: 1 },
      dataFingerprint: '0123456789abcdef',
      createdAt: 'x',
    };
    const fast = buildFitReport({ ...options, target, curveDraws: 40 });
    const reference = buildFitReport({ ...options, target: plainTarget, curveDraws: 40 });
    expect(fast.channels.every((channel) => Number.isFinite(channel.mroi.mean))).toBe(true);
    expect(fast.responseCurves[0].mean.some((value) => value > 0)).toBe(true);
    expect({ ...fast, timing: null }).toEqual({ ...reference, timing: null });
  });
});

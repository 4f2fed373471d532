import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { dualAveragingInit, dualAveragingUpdate } from './dualAveraging';
import { createNutsKernel } from './nuts';
import { createGaussianTarget } from './testTargets/gaussianTarget';

describe('dualAveraging', () => {
  it('keeps ε at e^μ = 10 ε₀ when the statistic equals the target (H̄ = 0)', () => {
    let state = dualAveragingInit(0.5);
    for (let i = 0; i < 5; i++) state = dualAveragingUpdate(state, 0.8);
    expect(Math.exp(state.logStepSize)).toBeCloseTo(5, 12);
    expect(Math.exp(state.logStepSizeAverage)).toBeCloseTo(5, 12);
  });

  it('follows the recursion by hand for two iterations', () => {
    const s1 = dualAveragingUpdate(dualAveragingInit(1), 0.3);
    const h1 = (1 / 11) * 0.5;
    expect(s1.averageGradient).toBeCloseTo(h1, 15);
    expect(s1.logStepSize).toBeCloseTo(Math.log(10) - h1 / 0.05, 13);
    expect(s1.logStepSizeAverage).toBeCloseTo(s1.logStepSize, 13);
    const s2 = dualAveragingUpdate(s1, 1);
    const h2 = (1 - 1 / 12) * h1 + (1 / 12) * -0.2;
    expect(s2.averageGradient).toBeCloseTo(h2, 15);
    const x2 = Math.log(10) - (Math.SQRT2 / 0.05) * h2;
    expect(s2.logStepSize).toBeCloseTo(x2, 13);
    const w = Math.pow(2, -0.75);
    expect(s2.logStepSizeAverage).toBeCloseTo(w * x2 + (1 - w) * s1.logStepSize, 13);
  });

  it('drives a known acceptance curve α(ε) = e^{−ε} to the target: ε → −log δ', () => {
    let state = dualAveragingInit(1);
    for (let i = 0; i < 2000; i++)
      state = dualAveragingUpdate(state, Math.exp(-Math.exp(state.logStepSize)));
    expect(Math.exp(state.logStepSizeAverage)).toBeCloseTo(-Math.log(0.8), 2);
  });

  it('tunes NUTS on a 5-D Gaussian so the mean acceptance statistic is near δ = 0.8', () => {
    const target = createGaussianTarget({
      kind: 'gaussian',
      mean: [0, 0, 0, 0, 0],
      scales: [1, 1, 1, 1, 1],
    });
    const kernel = createNutsKernel({ target });
    const rng = createRng(11);
    const inverseMassMatrix = new Float64Array(5).fill(1);
    let state = kernel.init(new Float64Array(5));
    let adaptation = dualAveragingInit(1);
    for (let i = 0; i < 1500; i++) {
      const { state: next, info } = kernel.step(rng, state, {
        stepSize: Math.exp(adaptation.logStepSize),
        inverseMassMatrix,
      });
      state = next;
      adaptation = dualAveragingUpdate(adaptation, info.acceptanceRate);
    }
    const stepSize = Math.exp(adaptation.logStepSizeAverage);
    let sum = 0;
    const n = 1500;
    for (let i = 0; i < n; i++) {
      const { state: next, info } = kernel.step(rng, state, { stepSize, inverseMassMatrix });
      state = next;
      sum += info.acceptanceRate;
    }
    // x̄ averages log ε, which lands slightly below the ε of the running iterates: Stan sees the same
    // upward bias of the realised statistic on Gaussians.
    expect(sum / n).toBeGreaterThan(0.75);
    expect(sum / n).toBeLessThan(0.92);
  });
});

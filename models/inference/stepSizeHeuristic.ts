import type { Rng } from '../random/rng';
import { createPhasePoint, leapfrog } from './leapfrog';
import { kineticEnergy, sampleMomentum } from './metric';
import type { LogDensity } from './types';

/**
 * Stan's step-size initialisation (`base_hmc::init_stepsize`; Hoffman & Gelman 2014, Algorithm 4,
 * with Stan's threshold): from q with fresh momentum, take one leapfrog step of size ε and compare
 * ΔH = H₀ − H(ε) with log 0.8. If ΔH > log 0.8 keep doubling ε until it no longer is; otherwise keep
 * halving until it is. Each trial redraws the momentum.
 *
 * Throws if ε leaves [1e-300, 1e7] (the posterior is improper or the gradient is broken).
 * Example: on N(0, 1) from q = 0 with ε₀ = 1 the result is typically 1–4.
 */
export function findReasonableStepSize(options: {
  readonly target: LogDensity;
  readonly rng: Rng;
  readonly position: Float64Array;
  readonly gradient: Float64Array;
  readonly logDensity: number;
  readonly inverseMassMatrix: Float64Array;
  readonly initialStepSize: number;
}): number {
  const { target, rng, inverseMassMatrix } = options;
  const point = createPhasePoint(target.dimension);
  const threshold = Math.log(0.8);
  const trial = (stepSize: number): number => {
    point.position.set(options.position);
    point.gradient.set(options.gradient);
    point.logDensity = options.logDensity;
    sampleMomentum(rng, inverseMassMatrix, point.momentum);
    const initialEnergy = -options.logDensity + kineticEnergy(point.momentum, inverseMassMatrix);
    leapfrog(target, inverseMassMatrix, stepSize, point);
    let energy = -point.logDensity + kineticEnergy(point.momentum, inverseMassMatrix);
    if (Number.isNaN(energy)) energy = Number.POSITIVE_INFINITY;
    return initialEnergy - energy;
  };
  let stepSize = options.initialStepSize;
  if (!(stepSize > 0 && stepSize <= 1e7)) return stepSize;
  const direction = trial(stepSize) > threshold ? 1 : -1;
  for (let iteration = 0; iteration < 200; iteration++) {
    const energyChange = trial(stepSize);
    if (direction === 1 && !(energyChange > threshold)) break;
    if (direction === -1 && !(energyChange < threshold)) break;
    stepSize = direction === 1 ? stepSize * 2 : stepSize / 2;
    if (stepSize > 1e7)
      throw new Error('step-size search diverged above 1e7: the posterior may be improper');
    if (stepSize < 1e-300)
      throw new Error(
        'step-size search fell to zero: the log density or its gradient is not finite near the start',
      );
  }
  return stepSize;
}

import type { Rng } from '../random/rng';
import { copyPhasePoint, createPhasePoint } from './leapfrog';
import { kineticEnergy, sampleMomentum, velocity } from './metric';
import {
  addInto,
  buildTree,
  copyProposal,
  createProposal,
  createTreeWorkspace,
  type TrajectoryContext,
} from './trajectory';
import type { LogDensity } from './types';
import { continuesWithoutUTurn } from './uTurn';
import { logSumExp } from './logSumExp';

/** The chain's state between transitions: a position with its log density and gradient. */
export interface HmcState {
  readonly position: Float64Array;
  readonly logDensity: number;
  readonly gradient: Float64Array;
}

/** What one NUTS transition did (BlackJAX `NUTSInfo`, Stan's sampler params). */
export interface NutsInfo {
  readonly isDivergent: boolean;
  /** Leapfrog steps (= gradient evaluations) spent in this transition. */
  readonly numIntegrationSteps: number;
  /** Mean of min(1, e^{H₀ − H}) over every leapfrog step: the dual-averaging statistic. */
  readonly acceptanceRate: number;
  /** Number of doublings completed (Stan's treedepth__). */
  readonly treeDepth: number;
  /** H = −log π(q) + K(p) of the returned sample (Stan's energy__), for E-BFMI. */
  readonly energy: number;
  /** True when the tree stopped only because it hit `maxTreeDepth`. */
  readonly reachedMaxTreeDepth: boolean;
}

export interface NutsParameters {
  readonly stepSize: number;
  readonly inverseMassMatrix: Float64Array;
}

export interface NutsOptions {
  readonly target: LogDensity;
  /** Maximum number of doublings (Stan: 10, i.e. at most 1023 leapfrog steps). */
  readonly maxTreeDepth?: number;
  /** Energy error H − H₀ above which a step is divergent (Stan: 1000). */
  readonly maxEnergyError?: number;
  /** Called after every leapfrog step (e.g. to poll cancellation); throw to abort. */
  readonly afterStep?: () => void;
}

export interface NutsKernel {
  init(position: Float64Array): HmcState;
  step(rng: Rng, state: HmcState, parameters: NutsParameters): { state: HmcState; info: NutsInfo };
}

/**
 * The No-U-Turn Sampler with multinomial sampling (Hoffman & Gelman 2014; Betancourt 2017 §A.3;
 * the algorithm of Stan ≥ 2.21 `base_nuts`).
 *
 * Each transition draws p ~ N(0, M), then repeatedly doubles the trajectory in a random direction
 * (forwards with probability ½) by a subtree of 2^depth leapfrog steps built by `buildTree`, until
 * the generalised U-turn criterion (with the extra checks across the seam between the old trajectory
 * and the new subtree) fails, a subtree is invalid, or depth reaches `maxTreeDepth`. At the top
 * level the new subtree's proposal replaces the current sample with probability
 * min(1, W_new / W_old) — biased progressive sampling, which favours states far from the start.
 * Leaf weights are e^{H₀ − H}; a leaf with H − H₀ > `maxEnergyError` is divergent and ends the
 * transition.
 *
 * Example: on a standard normal with ε ≈ 0.9 and M = I the mean tree depth is about 2.
 */
export function createNutsKernel(options: NutsOptions): NutsKernel {
  const { target } = options;
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  const maxEnergyError = options.maxEnergyError ?? 1000;
  const afterStep = options.afterStep ?? ((): void => {});
  const d = target.dimension;
  const point = createPhasePoint(d);
  const forwardEnd = createPhasePoint(d);
  const backwardEnd = createPhasePoint(d);
  const workspace = createTreeWorkspace(d, maxTreeDepth);
  const sample = createProposal(d);
  const proposal = createProposal(d);
  const buffers = {
    momentumForwardForward: new Float64Array(d),
    velocityForwardForward: new Float64Array(d),
    momentumForwardBackward: new Float64Array(d),
    velocityForwardBackward: new Float64Array(d),
    momentumBackwardForward: new Float64Array(d),
    velocityBackwardForward: new Float64Array(d),
    momentumBackwardBackward: new Float64Array(d),
    velocityBackwardBackward: new Float64Array(d),
    momentumSum: new Float64Array(d),
    momentumSumForward: new Float64Array(d),
    momentumSumBackward: new Float64Array(d),
    extended: new Float64Array(d),
  };

  function init(position: Float64Array): HmcState {
    if (position.length !== d) {
      throw new Error(
        `NUTS init: position has length ${position.length}, the target has dimension ${d}`,
      );
    }
    const gradient = new Float64Array(d);
    const logDensity = target.logDensityAndGradient(position, gradient);
    return { position: Float64Array.from(position), logDensity, gradient };
  }

  function step(
    rng: Rng,
    state: HmcState,
    parameters: NutsParameters,
  ): { state: HmcState; info: NutsInfo } {
    const { stepSize, inverseMassMatrix } = parameters;
    const b = buffers;
    point.position.set(state.position);
    point.gradient.set(state.gradient);
    point.logDensity = state.logDensity;
    sampleMomentum(rng, inverseMassMatrix, point.momentum);
    const initialKinetic = kineticEnergy(point.momentum, inverseMassMatrix);
    const initialEnergy = -state.logDensity + initialKinetic;
    copyPhasePoint(point, forwardEnd);
    copyPhasePoint(point, backwardEnd);
    sample.position.set(state.position);
    sample.gradient.set(state.gradient);
    sample.logDensity = state.logDensity;
    sample.kineticEnergy = initialKinetic;

    velocity(point.momentum, inverseMassMatrix, b.velocityForwardForward);
    for (const m of [
      b.momentumForwardForward,
      b.momentumForwardBackward,
      b.momentumBackwardForward,
      b.momentumBackwardBackward,
    ]) {
      m.set(point.momentum);
    }
    for (const v of [
      b.velocityForwardBackward,
      b.velocityBackwardForward,
      b.velocityBackwardBackward,
    ]) {
      v.set(b.velocityForwardForward);
    }
    b.momentumSum.set(point.momentum);

    const context: TrajectoryContext = {
      target,
      rng,
      inverseMassMatrix,
      signedStepSize: stepSize,
      initialEnergy,
      maxEnergyError,
      point,
      numIntegrationSteps: 0,
      sumAcceptProbability: 0,
      isDivergent: false,
      afterStep,
      workspace,
    };

    let logSumWeight = 0;
    let depth = 0;
    let reachedMaxTreeDepth = false;
    while (depth < maxTreeDepth) {
      b.momentumSumForward.fill(0);
      b.momentumSumBackward.fill(0);
      let logWeightSubtree: number;
      if (rng.uniform() > 0.5) {
        copyPhasePoint(forwardEnd, point);
        b.momentumSumBackward.set(b.momentumSum);
        b.momentumBackwardForward.set(b.momentumForwardForward);
        b.velocityBackwardForward.set(b.velocityForwardForward);
        context.signedStepSize = stepSize;
        logWeightSubtree = buildTree(
          context,
          depth,
          proposal,
          b.velocityForwardBackward,
          b.velocityForwardForward,
          b.momentumSumForward,
          b.momentumForwardBackward,
          b.momentumForwardForward,
        );
        copyPhasePoint(point, forwardEnd);
      } else {
        copyPhasePoint(backwardEnd, point);
        b.momentumSumForward.set(b.momentumSum);
        b.momentumForwardBackward.set(b.momentumBackwardBackward);
        b.velocityForwardBackward.set(b.velocityBackwardBackward);
        context.signedStepSize = -stepSize;
        logWeightSubtree = buildTree(
          context,
          depth,
          proposal,
          b.velocityBackwardForward,
          b.velocityBackwardBackward,
          b.momentumSumBackward,
          b.momentumBackwardForward,
          b.momentumBackwardBackward,
        );
        copyPhasePoint(point, backwardEnd);
      }
      if (Number.isNaN(logWeightSubtree)) break;
      depth += 1;

      if (logWeightSubtree > logSumWeight) {
        copyProposal(proposal, sample);
      } else if (rng.uniform() < Math.exp(logWeightSubtree - logSumWeight)) {
        copyProposal(proposal, sample);
      }
      logSumWeight = logSumExp(logSumWeight, logWeightSubtree);

      addInto(b.momentumSumBackward, b.momentumSumForward, b.momentumSum);
      let persists = continuesWithoutUTurn(
        b.velocityBackwardBackward,
        b.velocityForwardForward,
        b.momentumSum,
      );
      addInto(b.momentumSumBackward, b.momentumForwardBackward, b.extended);
      persists =
        persists &&
        continuesWithoutUTurn(b.velocityBackwardBackward, b.velocityForwardBackward, b.extended);
      addInto(b.momentumSumForward, b.momentumBackwardForward, b.extended);
      persists =
        persists &&
        continuesWithoutUTurn(b.velocityBackwardForward, b.velocityForwardForward, b.extended);
      if (!persists) break;
      if (depth === maxTreeDepth) reachedMaxTreeDepth = true;
    }

    const next: HmcState = {
      position: Float64Array.from(sample.position),
      logDensity: sample.logDensity,
      gradient: Float64Array.from(sample.gradient),
    };
    const steps = context.numIntegrationSteps;
    return {
      state: next,
      info: {
        isDivergent: context.isDivergent,
        numIntegrationSteps: steps,
        acceptanceRate: steps > 0 ? context.sumAcceptProbability / steps : 0,
        treeDepth: depth,
        energy: -sample.logDensity + sample.kineticEnergy,
        reachedMaxTreeDepth,
      },
    };
  }

  return { init, step };
}

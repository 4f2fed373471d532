import type { Rng } from '../random/rng';
import { leapfrog, type PhasePoint } from './leapfrog';
import { logSumExp } from './logSumExp';
import { kineticEnergy, velocity } from './metric';
import type { LogDensity } from './types';
import { continuesWithoutUTurn } from './uTurn';

/** A candidate sample carried up the tree: position with its log density, gradient and kinetic energy. */
export interface Proposal {
  position: Float64Array;
  gradient: Float64Array;
  logDensity: number;
  kineticEnergy: number;
}

export function createProposal(dimension: number): Proposal {
  return {
    position: new Float64Array(dimension),
    gradient: new Float64Array(dimension),
    logDensity: Number.NEGATIVE_INFINITY,
    kineticEnergy: 0,
  };
}

export function copyProposal(from: Proposal, to: Proposal): void {
  to.position.set(from.position);
  to.gradient.set(from.gradient);
  to.logDensity = from.logDensity;
  to.kineticEnergy = from.kineticEnergy;
}

/** Everything one NUTS transition shares while it grows its trajectory. Mutable scratch. */
export interface TrajectoryContext {
  readonly target: LogDensity;
  readonly rng: Rng;
  readonly inverseMassMatrix: Float64Array;
  /** Signed step: +ε forwards in time, −ε backwards. */
  signedStepSize: number;
  /** H₀ = −log π(q₀) + K(p₀) at the start of the transition. */
  readonly initialEnergy: number;
  /** A step whose energy error H − H₀ exceeds this is divergent (Stan: 1000). */
  readonly maxEnergyError: number;
  /** The integrator's moving point. */
  readonly point: PhasePoint;
  numIntegrationSteps: number;
  /** Σ min(1, e^{H₀ − H}) over all leapfrog steps (Stan's adaptation statistic). */
  sumAcceptProbability: number;
  isDivergent: boolean;
  /** Called after every leapfrog step; throws to abort (cancellation). */
  readonly afterStep: () => void;
  readonly workspace: TreeWorkspace[];
}

/** Per-depth scratch so building a tree allocates nothing. */
export interface TreeWorkspace {
  velocityInitEnd: Float64Array;
  momentumInitEnd: Float64Array;
  momentumSumInit: Float64Array;
  velocityFinalBegin: Float64Array;
  momentumFinalBegin: Float64Array;
  momentumSumFinal: Float64Array;
  momentumSumSubtree: Float64Array;
  momentumSumExtended: Float64Array;
  proposalFinal: Proposal;
}

export function createTreeWorkspace(dimension: number, maxTreeDepth: number): TreeWorkspace[] {
  return Array.from({ length: maxTreeDepth + 1 }, () => ({
    velocityInitEnd: new Float64Array(dimension),
    momentumInitEnd: new Float64Array(dimension),
    momentumSumInit: new Float64Array(dimension),
    velocityFinalBegin: new Float64Array(dimension),
    momentumFinalBegin: new Float64Array(dimension),
    momentumSumFinal: new Float64Array(dimension),
    momentumSumSubtree: new Float64Array(dimension),
    momentumSumExtended: new Float64Array(dimension),
    proposalFinal: createProposal(dimension),
  }));
}

/** Writes a + b into `out`. */
export function addInto(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
  return out;
}

/**
 * Builds a balanced binary subtree of 2^depth leapfrog steps from `context.point` in the direction of
 * `context.signedStepSize`, with multinomial sampling inside it (Betancourt 2017, §A.3.2; Stan's
 * `base_nuts::build_tree`):
 *
 * - a leaf weighs w = e^{H₀ − H}; the subtree's log weight is log Σ w;
 * - merging an initial and a final half, the final half's proposal replaces the initial one with
 *   probability w_final / (w_init + w_final) (uniform progressive sampling);
 * - the merged subtree must pass the generalised U-turn check, plus the two extra checks across the
 *   seam (initial half + first state of the final half, last state of the initial half + final half)
 *   that Stan added in 2.21 to catch U-turns hidden between sub-trees.
 *
 * Writes the subtree's end velocities/momenta into the `…Begin`/`…End` buffers (begin = the end
 * touching the existing trajectory), adds its momenta into `momentumSum`, and its sampled state
 * into `proposal`. Returns the subtree's log weight, or NaN if it is invalid (divergent or U-turned),
 * in which case the caller discards it.
 */
export function buildTree(
  context: TrajectoryContext,
  depth: number,
  proposal: Proposal,
  velocityBegin: Float64Array,
  velocityEnd: Float64Array,
  momentumSum: Float64Array,
  momentumBegin: Float64Array,
  momentumEnd: Float64Array,
): number {
  if (depth === 0)
    return buildLeaf(
      context,
      proposal,
      velocityBegin,
      velocityEnd,
      momentumSum,
      momentumBegin,
      momentumEnd,
    );

  const work = context.workspace[depth];
  work.momentumSumInit.fill(0);
  const logWeightInit = buildTree(
    context,
    depth - 1,
    proposal,
    velocityBegin,
    work.velocityInitEnd,
    work.momentumSumInit,
    momentumBegin,
    work.momentumInitEnd,
  );
  if (Number.isNaN(logWeightInit)) return Number.NaN;

  work.momentumSumFinal.fill(0);
  const logWeightFinal = buildTree(
    context,
    depth - 1,
    work.proposalFinal,
    work.velocityFinalBegin,
    velocityEnd,
    work.momentumSumFinal,
    work.momentumFinalBegin,
    momentumEnd,
  );
  if (Number.isNaN(logWeightFinal)) return Number.NaN;

  const logWeightSubtree = logSumExp(logWeightInit, logWeightFinal);
  if (logWeightFinal > logWeightSubtree) {
    copyProposal(work.proposalFinal, proposal);
  } else if (context.rng.uniform() < Math.exp(logWeightFinal - logWeightSubtree)) {
    copyProposal(work.proposalFinal, proposal);
  }

  const momentumSumSubtree = addInto(
    work.momentumSumInit,
    work.momentumSumFinal,
    work.momentumSumSubtree,
  );
  addInto(momentumSum, momentumSumSubtree, momentumSum);

  let persists = continuesWithoutUTurn(velocityBegin, velocityEnd, momentumSumSubtree);
  const extended = work.momentumSumExtended;
  addInto(work.momentumSumInit, work.momentumFinalBegin, extended);
  persists = persists && continuesWithoutUTurn(velocityBegin, work.velocityFinalBegin, extended);
  addInto(work.momentumSumFinal, work.momentumInitEnd, extended);
  persists = persists && continuesWithoutUTurn(work.velocityInitEnd, velocityEnd, extended);
  return persists ? logWeightSubtree : Number.NaN;
}

function buildLeaf(
  context: TrajectoryContext,
  proposal: Proposal,
  velocityBegin: Float64Array,
  velocityEnd: Float64Array,
  momentumSum: Float64Array,
  momentumBegin: Float64Array,
  momentumEnd: Float64Array,
): number {
  const { point, inverseMassMatrix } = context;
  leapfrog(context.target, inverseMassMatrix, context.signedStepSize, point);
  context.numIntegrationSteps += 1;
  const kinetic = kineticEnergy(point.momentum, inverseMassMatrix);
  let energy = -point.logDensity + kinetic;
  if (Number.isNaN(energy)) energy = Number.POSITIVE_INFINITY;
  const logWeight = context.initialEnergy - energy;
  context.sumAcceptProbability += logWeight > 0 ? 1 : Math.exp(logWeight);
  context.afterStep();
  if (energy - context.initialEnergy > context.maxEnergyError) {
    context.isDivergent = true;
    return Number.NaN;
  }
  proposal.position.set(point.position);
  proposal.gradient.set(point.gradient);
  proposal.logDensity = point.logDensity;
  proposal.kineticEnergy = kinetic;
  velocity(point.momentum, inverseMassMatrix, velocityBegin);
  velocityEnd.set(velocityBegin);
  addInto(momentumSum, point.momentum, momentumSum);
  momentumBegin.set(point.momentum);
  momentumEnd.set(point.momentum);
  return logWeight;
}

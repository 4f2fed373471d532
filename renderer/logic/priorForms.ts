/**
 * The priors form's plain helpers: which kernel parameters a channel can override under the chosen
 * adstock and saturation, with the family and default of each, and the text of a stated ROI range
 * shown back as the engine's LogNormal.
 */
import {
  ADSTOCK_PARAMETERS,
  DEFAULT_CHANNEL_PRIORS,
  SATURATION_PARAMETERS,
  type AdstockKind,
  type Prior,
  type SaturationKind,
} from '../../models/mmm';
import {
  rangeOfLogNormal,
  roiPriorFromRange,
  roiRangeProblem,
  type RoiRange,
} from '../../models/mmm/roiPriorRange';

export interface KernelParameter {
  readonly group: 'adstock' | 'saturation';
  readonly name: string;
  readonly defaultPrior: Prior;
  /** The two numbers of its family, e.g. ['alpha', 'beta']. */
  readonly fields: readonly [string, string];
}

const FIELDS: Record<string, readonly [string, string]> = {
  beta: ['alpha', 'beta'],
  gamma: ['shape', 'rate'],
  logNormal: ['mu', 'sigma'],
  normal: ['mean', 'sd'],
};

export function kernelParameters(
  adstock: AdstockKind,
  saturation: SaturationKind,
): KernelParameter[] {
  const of = (group: 'adstock' | 'saturation', names: readonly string[]) =>
    names.map((name) => {
      let defaultPrior = DEFAULT_CHANNEL_PRIORS[group][name];
      if (group === 'saturation' && name === 'halfSaturation' && saturation === 'michaelisMenten')
        defaultPrior = { distribution: 'logNormal', mu: Math.log(0.5), sigma: 1 };
      return { group, name, defaultPrior, fields: FIELDS[defaultPrior.distribution] ?? ['a', 'b'] };
    });
  return [
    ...of('adstock', ADSTOCK_PARAMETERS[adstock]),
    ...of('saturation', SATURATION_PARAMETERS[saturation]),
  ];
}

/** A prior of the parameter's family from its two numbers. */
export function priorOf(parameter: KernelParameter, first: number, second: number): Prior {
  const [a, b] = parameter.fields;
  return { distribution: parameter.defaultPrior.distribution, [a]: first, [b]: second } as Prior;
}

/** The two numbers of a prior of the parameter's family. */
export function numbersOf(parameter: KernelParameter, prior: Prior): [number, number] {
  const record = prior as unknown as Record<string, number>;
  return [record[parameter.fields[0]], record[parameter.fields[1]]];
}

/** "LogNormal(μ 0.69, σ 0.42): median 2.00, 90% [1.00, 4.00]", or the problem. */
export function roiShownBack(range: RoiRange): string {
  const problem = roiRangeProblem(range);
  if (problem) return `${problem.field} ${problem.message}`;
  const prior = roiPriorFromRange(range);
  const back = rangeOfLogNormal(prior);
  return `LogNormal(μ ${prior.mu.toFixed(2)}, σ ${prior.sigma.toFixed(2)}): median ${back.median.toFixed(2)}, 90% [${back.lower.toFixed(2)}, ${back.upper.toFixed(2)}]`;
}

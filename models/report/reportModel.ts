/**
 * The model as the fit report reads it: the same `MmmModel`, with the components of the data's
 * own spend remembered per draw. ROI, marginal ROI, fit metrics, the decomposition and the
 * predictive check all start from them for the same 1,000 draws, so one forward pass per draw
 * serves all five (a scenario's spend is computed as before). The remembered arrays are shared:
 * readers must not write to them (the posterior views only read).
 */
import type { MmmModel } from '../mmm/model';
import type { MmmComponents, MmmParameters } from '../mmm/types';

export function withRememberedComponents(target: MmmModel): MmmModel {
  const remembered = new WeakMap<MmmParameters, MmmComponents>();
  const components: MmmModel['components'] = (parameters, spend) => {
    if (spend !== undefined && spend !== target.design.spend)
      return target.components(parameters, spend);
    const known = remembered.get(parameters);
    if (known) return known;
    const computed = target.components(parameters);
    remembered.set(parameters, computed);
    return computed;
  };
  // A prototype link keeps everything else (and a geo model's extra members) as it was.
  return Object.assign(Object.create(target) as MmmModel, { components });
}

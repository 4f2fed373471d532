/**
 * Flighting: how each channel's horizon total is spread over the horizon's weeks. A shape
 * sₖ,c ≥ 0 with Σₖ sₖ,c = 1 per channel, so week k of the horizon spends Sᶜ · sₖ,c:
 *
 *   flat:       sₖ,c = 1/H
 *   reference:  sₖ,c = x_{T−H+k,c} / Σⱼ x_{T−H+j,c}  (the last H weeks of data; flat if they are all 0)
 *   weekly:     sₖ,c = vₖ,c / Σⱼ vⱼ,c               (given weekly spend v; flat if all 0)
 *
 * Only the shape is used: the total is the scenario's (or the optimiser's) choice.
 */
import type { Flighting } from './scenarioSchema';

export class PlanningInputError extends Error {
  override readonly name = 'PlanningInputError';
}

function normalise(values: ArrayLike<number>, horizonWeeks: number, out: Float64Array): void {
  let total = 0;
  for (let k = 0; k < horizonWeeks; k++) total += values[k];
  for (let k = 0; k < horizonWeeks; k++) out[k] = total > 0 ? values[k] / total : 1 / horizonWeeks;
}

/** shapes[c·H + k] for channels in `channelNames` order; `history[c]` is the data's weekly spend. */
export function flightingShapes(options: {
  readonly flighting: Flighting;
  readonly horizonWeeks: number;
  readonly channelNames: readonly string[];
  readonly history: readonly Float64Array[];
}): Float64Array {
  const { flighting, horizonWeeks: weeks, channelNames, history } = options;
  const shapes = new Float64Array(channelNames.length * weeks);
  channelNames.forEach((channel, c) => {
    const out = shapes.subarray(c * weeks, (c + 1) * weeks);
    if (flighting.kind === 'flat') out.fill(1 / weeks);
    else if (flighting.kind === 'reference') {
      const series = history[c];
      if (series.length < weeks)
        throw new PlanningInputError(
          `flighting 'reference': the horizon of ${weeks} weeks is longer than the ${series.length} weeks of data`,
        );
      normalise(series.subarray(series.length - weeks), weeks, out);
    } else {
      const given = flighting.spend[channel];
      const where = flighting.source ? `flighting file '${flighting.source}'` : 'weekly flighting';
      if (!given)
        throw new PlanningInputError(`${where}: no weekly spend for channel '${channel}'`);
      if (given.length < weeks)
        throw new PlanningInputError(
          `${where}: channel '${channel}' has ${given.length} weeks of spend, the horizon needs ${weeks}`,
        );
      normalise(given, weeks, out);
    }
  });
  return shapes;
}

/**
 * Posterior draws of the constrained MMM parameters as a column table, for the result file:
 * `names[k]` labels column `values[k]`, one entry per draw. Names: intercept, trend,
 * seasonality[i], controls[j], noise, then per channel `<channel>.coefficient`, `<channel>.roi`,
 * `<channel>.adstock.<p>`, `<channel>.saturation.<p>` (p the kernel's parameter names).
 * `parametersFromTable` is the inverse, so curves and scenarios can be recomputed from a saved file
 * with `createMmmTarget(sameInput).components(parametersFromTable(table, d), scenarioSpend)`.
 */
import type { ChannelParameters, MmmParameters } from '../mmm/types';

export interface ParameterTable {
  readonly count: number;
  readonly names: string[];
  readonly values: number[][];
}

/** The flat (name, value) list of one draw, in table order. */
function flatten(parameters: MmmParameters): Array<[string, number]> {
  const entries: Array<[string, number]> = [
    ['intercept', parameters.intercept],
    ['trend', parameters.trend],
  ];
  parameters.seasonality.forEach((v, i) => entries.push([`seasonality[${i}]`, v]));
  parameters.controls.forEach((v, j) => entries.push([`controls[${j}]`, v]));
  entries.push(['noise', parameters.noise]);
  for (const channel of parameters.channels) {
    entries.push([`${channel.name}.coefficient`, channel.coefficient]);
    entries.push([`${channel.name}.roi`, channel.roi]);
    for (const [p, v] of Object.entries(channel.adstock))
      entries.push([`${channel.name}.adstock.${p}`, v]);
    for (const [p, v] of Object.entries(channel.saturation))
      entries.push([`${channel.name}.saturation.${p}`, v]);
  }
  return entries;
}

export function parameterTable(draws: readonly MmmParameters[]): ParameterTable {
  if (draws.length === 0) throw new Error('parameter table: no draws');
  const names = flatten(draws[0]).map(([name]) => name);
  const values = names.map(() => new Array<number>(draws.length));
  draws.forEach((parameters, d) => {
    const entries = flatten(parameters);
    if (entries.length !== names.length)
      throw new Error(
        `parameter table: draw ${d} has ${entries.length} values, expected ${names.length}`,
      );
    entries.forEach(([, v], k) => (values[k][d] = v));
  });
  return { count: draws.length, names, values };
}

/**
 * Draw `index` of a table as `MmmParameters`, given the channel names in model order (a channel's
 * name may contain dots, so names are matched by known prefix, not split).
 */
export function parametersFromTable(
  table: ParameterTable,
  index: number,
  channelNames: readonly string[],
): MmmParameters {
  if (!(Number.isInteger(index) && index >= 0 && index < table.count)) {
    throw new Error(`parameter table: draw ${index} is outside 0 … ${table.count - 1}`);
  }
  const value = new Map(table.names.map((name, k) => [name, table.values[k][index]]));
  const get = (name: string): number => {
    const v = value.get(name);
    if (v === undefined) throw new Error(`parameter table: no column '${name}'`);
    return v;
  };
  const indexed = (prefix: string): Float64Array =>
    Float64Array.from(table.names.filter((n) => n.startsWith(`${prefix}[`)).map(get));
  const channels: ChannelParameters[] = channelNames.map((name) => {
    const adstock: Record<string, number> = {};
    const saturation: Record<string, number> = {};
    for (const column of table.names) {
      if (column.startsWith(`${name}.adstock.`))
        adstock[column.slice(name.length + 9)] = get(column);
      else if (column.startsWith(`${name}.saturation.`))
        saturation[column.slice(name.length + 12)] = get(column);
    }
    return {
      name,
      coefficient: get(`${name}.coefficient`),
      roi: get(`${name}.roi`),
      adstock,
      saturation,
    };
  });
  return {
    intercept: get('intercept'),
    trend: get('trend'),
    seasonality: indexed('seasonality'),
    controls: indexed('controls'),
    noise: get('noise'),
    channels,
  };
}

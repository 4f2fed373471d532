/**
 * Posterior draws of the constrained MMM parameters as a column table, for the result file:
 * `names[k]` labels column `values[k]`, one entry per draw. Names: intercept, trend,
 * seasonality[i], controls[j], noise, then per channel `<channel>.coefficient`, `<channel>.roi`,
 * `<channel>.adstock.<p>`, `<channel>.saturation.<p>` (p the kernel's parameter names); a geo fit's
 * draws add `geo.interceptSpread`, `geo[<geo>].intercept`, `geo[<geo>].seasonalityAmplitude` and per
 * channel `<channel>.geo.spread`, `<channel>.geo[<geo>].roi` (its β per geo follows from the ROI
 * and the data: `withGeoCoefficients`, models/mmm/geoComponents.ts).
 * `parametersFromTable` is the inverse, so curves and scenarios can be recomputed from a saved file
 * with `createMmmTarget(sameInput).components(parametersFromTable(table, d), scenarioSpend)`.
 */
import { isGeoParameters, type GeoMmmParameters } from '../mmm/geoTypes';
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
  if (isGeoParameters(parameters)) {
    const { geo } = parameters;
    entries.push(['geo.interceptSpread', geo.interceptSpread]);
    geoNamesOf(parameters).forEach((name, g) => {
      entries.push([`geo[${name}].intercept`, geo.intercepts[g]]);
      entries.push([`geo[${name}].seasonalityAmplitude`, geo.seasonalityAmplitudes[g]]);
    });
    parameters.channels.forEach((channel, c) => {
      entries.push([`${channel.name}.geo.spread`, geo.channels[c].spread]);
      geoNamesOf(parameters).forEach((name, g) =>
        entries.push([`${channel.name}.geo[${name}].roi`, geo.channels[c].roi[g]]),
      );
    });
  }
  return entries;
}

/** Geo draws name their geos through `geo.names`. */
function geoNamesOf(parameters: GeoMmmParameters): readonly string[] {
  return parameters.geo.names;
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

/**
 * Draw `index` of a geo fit's table as `GeoMmmParameters` with every β_c,g NaN: fill them with
 * `withGeoCoefficients` (they depend on the data as well as the draw).
 */
export function geoParametersFromTable(
  table: ParameterTable,
  index: number,
  channelNames: readonly string[],
  geoNames: readonly string[],
): GeoMmmParameters {
  const national = parametersFromTable(table, index, channelNames);
  const column = new Map(table.names.map((name, k) => [name, k]));
  const get = (name: string): number => {
    const k = column.get(name);
    if (k === undefined) throw new Error(`parameter table: no column '${name}'`);
    return table.values[k][index];
  };
  const perGeo = (name: (geo: string) => string): Float64Array =>
    Float64Array.from(geoNames, (geo) => get(name(geo)));
  return {
    ...national,
    geo: {
      names: geoNames,
      interceptSpread: get('geo.interceptSpread'),
      intercepts: perGeo((geo) => `geo[${geo}].intercept`),
      seasonalityAmplitudes: perGeo((geo) => `geo[${geo}].seasonalityAmplitude`),
      channels: channelNames.map((channel) => ({
        spread: get(`${channel}.geo.spread`),
        roi: perGeo((geo) => `${channel}.geo[${geo}].roi`),
        coefficients: new Float64Array(geoNames.length).fill(Number.NaN),
      })),
    },
  };
}

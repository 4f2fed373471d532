import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGeoMmmTarget } from '../mmm/geoTarget';
import type { GeoMmmInput } from '../mmm/geoTypes';
import { coordinateCentres } from '../mmm/parametrisation';
import { createRng } from '../random/rng';
import { handMadeTargetFit } from '../testing/handMadeFit';
import { simulateGeoMmmData } from '../testing/simulateGeoMmmData';
import { FitReportSchema } from './fitReportSchema';
import { modelFromReport } from './modelFromReport';
import { parseFitReport } from './parseFitReport';
import { reportOfFit } from './reportOfFit';

const simulated = simulateGeoMmmData({
  geos: 3,
  weeks: 40,
  channels: 2,
  seed: 5,
  nationalChannels: [1],
});
// Geo 3 never bought channel 1: its geo ROI is reported as null.
const spend0 = Float64Array.from(simulated.data.spend[0]).fill(0, 80, 120);
const input: GeoMmmInput = {
  spec: { holdoutWeeks: 4 },
  data: { ...simulated.data, spend: [spend0, simulated.data.spend[1]] },
  experiments: [
    {
      channel: 'channel1',
      startDate: simulated.data.dates[8],
      endDate: simulated.data.dates[10],
      measuredLift: 500,
      standardError: 100,
      geo: 'geo2',
    },
  ],
};
const target = createGeoMmmTarget(input);
const centre = coordinateCentres(target.geoLayout.coordinates);
for (let g = 0; g < 3; g++) centre[target.geoLayout.levels + g] = 1;
const jitter = createRng(2);
centre.forEach((u, i) => (centre[i] = u + 0.2 * jitter.normal()));
const context = { kpiName: 'revenue', source: null, files: [], createdAt: null };

describe('a geo fit report', () => {
  const { fit, request } = handMadeTargetFit(
    target,
    { kind: 'geo-mmm', input },
    { spread: 0.05, centre, drawsPerChain: 40 },
  );
  const report = reportOfFit(request, fit, context);

  it('passes the v2 schema and says, per geo, what each channel returned', () => {
    expect(FitReportSchema.safeParse(report).success).toBe(true);
    expect(report.geo?.geos.map((g) => g.name)).toEqual(['geo1', 'geo2', 'geo3']);
    expect(report.geo?.nationallyAllocated).toEqual(['channel2']);
    expect(report.geo?.geos[2].channels[0].roi).toBeNull();
    expect(report.geo?.geos[2].channels[0].spend).toBe(0);
    expect(report.geo?.geos[0].channels[0].roi).not.toBeNull();
    expect(report.geo?.geos[0].population).toBe(simulated.data.population![0]);
  });

  it('makes the national totals the sums over geos', () => {
    report.channels.forEach((channel, c) => {
      const geos = report.geo!.geos.map((g) => g.channels[c]);
      const spend = geos.reduce((sum, g) => sum + g.spend, 0);
      expect(spend).toBeCloseTo(channel.spend, 6);
      const contribution = geos.reduce((sum, g) => sum + g.contribution.mean, 0);
      expect(contribution).toBeCloseTo(channel.contribution.mean, 4);
    });
    // The national KPI in the inputs is the sum of the per-geo KPI.
    const geoKpi = report.inputs!.geo!.kpi;
    report.inputs!.kpi.forEach((value, t) =>
      expect(value).toBeCloseTo(geoKpi[0][t] + geoKpi[1][t] + geoKpi[2][t], 6),
    );
  });

  it('rebuilds the geo model from the file alone: same data, same draws, same national components', () => {
    const parsed = parseFitReport(JSON.stringify(report));
    if (!parsed.ok) throw new Error(parsed.message);
    const rebuilt = modelFromReport(parsed.report);
    expect(rebuilt.level).toBe('geo');
    expect(rebuilt.target.dimension).toBe(target.dimension);
    const original = target.constrain(fit.chains[0].draws.subarray(0, target.dimension));
    const draw = rebuilt.draws[0];
    const scenario = target.design.spend.map((series) => series.map((v) => 1.3 * v));
    const a = target.components(original, scenario);
    const b = rebuilt.target.components(draw, scenario);
    a.channels.forEach((series, c) =>
      series.forEach((value, t) => expect(b.channels[c][t]).toBeCloseTo(value, 6)),
    );
    a.mean.forEach((value, t) => expect(b.mean[t]).toBeCloseTo(value, 6));
  });
});

describe('the geo fixture (fit-result.v2.geo.json, written by mmm fit --geo)', () => {
  const text = readFileSync(join(__dirname, 'fixtures', 'fit-result.v2.geo.json'), 'utf8');

  it('opens within the v2 schema, with per-geo results and inputs', () => {
    const parsed = parseFitReport(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.notices).toEqual([]);
    expect(parsed.report.geo?.geos).toHaveLength(20);
    expect(parsed.report.inputs?.geo?.kpi).toHaveLength(20);
  });

  it('rebuilds the geo model, whose national components of the data equal the report fitted values', () => {
    const parsed = parseFitReport(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const { report } = parsed;
    const model = modelFromReport(report);
    expect(model.level).toBe('geo');
    // The fitted mean over the stored draws, recomputed from the file alone.
    const weeks = report.decomposition.dates.length;
    const mean = new Float64Array(weeks);
    for (const draw of model.draws) {
      const components = model.target.components(draw);
      for (let t = 0; t < weeks; t++) mean[t] += components.mean[t] / model.draws.length;
    }
    report.decomposition.fitted.mean.forEach((value, t) =>
      expect(mean[t] / value).toBeCloseTo(1, 8),
    );
  });
});

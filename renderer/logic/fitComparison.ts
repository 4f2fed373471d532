/**
 * Two fits side by side: what differs in their specs (settings, priors, lift tests, data), and per
 * channel ROI and marginal ROI of each, the change (B − A) and whether the two 90% intervals
 * overlap (they do when loA ≤ hiB and loB ≤ hiA).
 */
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport, MmmFitRecord } from '../../models/report';

export interface SpecDifference {
  readonly field: string;
  readonly a: string;
  readonly b: string;
}

export interface ChannelComparison {
  readonly channel: string;
  readonly a: { roi: Interval; mroi: Interval } | null;
  readonly b: { roi: Interval; mroi: Interval } | null;
  readonly roiChange: number | null;
  readonly mroiChange: number | null;
  readonly roiOverlap: boolean | null;
  readonly mroiOverlap: boolean | null;
}

interface Interval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

function described(report: FitReport): Record<string, string> {
  const { spec, sampler, data } = report;
  const overrides = Object.entries(spec.channelOverrides)
    .map(([channel, o]) => `${channel}: ${JSON.stringify(o)}`)
    .join('; ');
  return {
    data: `${data.fingerprint} (${data.weeks} weeks, ${data.firstWeek} … ${data.lastWeek})`,
    channels: data.channels.join(', '),
    controls: data.controls.join(', ') || 'none',
    adstock: `${spec.adstock} (${spec.maxLag} lags)`,
    saturation: spec.saturation,
    'holdout weeks': String(spec.holdoutWeeks),
    'ROI prior': JSON.stringify(spec.channelPriors.roi),
    'channel priors': overrides || 'defaults',
    'lift tests': String(report.inputs?.experiments.length ?? 0),
    sampler: `${sampler.chains} chains × (${sampler.warmup} + ${sampler.draws}), seed ${sampler.seed}`,
    gate: report.diagnostics.gatePassed ? 'passed' : 'failed',
  };
}

export function specDifferences(a: MmmFitRecord, b: MmmFitRecord): SpecDifference[] {
  const left = described(a.report);
  const right = described(b.report);
  return Object.keys(left)
    .filter((field) => left[field] !== right[field])
    .map((field) => ({ field, a: left[field], b: right[field] }));
}

export function channelComparison(a: MmmFitRecord, b: MmmFitRecord): ChannelComparison[] {
  const names = [...new Set([...a.report.data.channels, ...b.report.data.channels])];
  return names.map((channel) => {
    const left = a.report.channels.find((c) => c.name === channel) ?? null;
    const right = b.report.channels.find((c) => c.name === channel) ?? null;
    const both = left !== null && right !== null;
    return {
      channel,
      a: left && { roi: left.roi, mroi: left.mroi },
      b: right && { roi: right.roi, mroi: right.mroi },
      roiChange: both ? right.roi.mean - left.roi.mean : null,
      mroiChange: both ? right.mroi.mean - left.mroi.mean : null,
      roiOverlap: both ? intervalsOverlap(left.roi, right.roi) : null,
      mroiOverlap: both ? intervalsOverlap(left.mroi, right.mroi) : null,
    };
  });
}

export function comparisonTable(a: MmmFitRecord, b: MmmFitRecord): Cell[][] {
  return [
    [
      'channel',
      'roi_a',
      'roi_b',
      'roi_change',
      'roi_overlap',
      'mroi_a',
      'mroi_b',
      'mroi_change',
      'mroi_overlap',
    ],
    ...channelComparison(a, b).map((c) => [
      c.channel,
      c.a?.roi.mean,
      c.b?.roi.mean,
      c.roiChange,
      c.roiOverlap,
      c.a?.mroi.mean,
      c.b?.mroi.mean,
      c.mroiChange,
      c.mroiOverlap,
    ]),
  ];
}

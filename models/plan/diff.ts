/**
 * What changed between two plans (`a` → `b`): their lineage, the text fields, the model spec
 * (priors included) and sampler settings, the data (window, fingerprint, files, channels), the
 * gate, each shared channel's ROI and mROI drift with the overlap of their 90% intervals
 * (intervalOverlap.ts), its response-curve drift at the reference spend, and the allocation of
 * every scenario. Pure; the app's Plans task and `mmm plan diff` show the same object.
 *
 * Response-curve drift at the reference spend s = a's current spend of the channel (Σ over a's
 * training weeks): Δ = R_b(s) − R_a(s), with R_a(s) a's curve at its m = 1 point and R_b(s) b's
 * curve mean linearly interpolated at s (null when s lies outside b's grid of 0 … 2× its spend).
 */
import { canonicalJson } from './contentHash';
import { interpolate, intervalOverlap, type Interval } from './intervalOverlap';
import type { PlanDocument } from './planSchema';

export interface PlanRef {
  readonly planId: string;
  readonly title: string;
  readonly revision: number;
  readonly createdAt: string;
}

export interface ValueChange {
  /** Dotted path, e.g. `spec.priors.noise.sd`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface Drift {
  readonly a: Interval;
  readonly b: Interval;
  /** b.mean − a.mean. */
  readonly change: number;
  /** change / |a.mean|; null when a.mean is 0. */
  readonly relativeChange: number | null;
  readonly overlap: number;
}

export interface ChannelDrift {
  readonly channel: string;
  readonly roi: Drift;
  readonly mroi: Drift;
  readonly curveAtReference: {
    readonly spend: number;
    readonly a: number;
    readonly b: number | null;
    readonly change: number | null;
  } | null;
}

export interface AllocationChange {
  readonly channel: string;
  readonly a: number | null;
  readonly b: number | null;
  readonly change: number | null;
}

export interface ScenarioDiff {
  readonly name: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly allocation: readonly AllocationChange[];
  readonly totalSpend: { readonly a: number | null; readonly b: number | null };
  readonly incremental: { readonly a: Interval | null; readonly b: Interval | null };
}

export interface DataWindow {
  readonly firstWeek: string;
  readonly lastWeek: string;
  readonly weeks: number;
}

export interface PlanDiff {
  readonly a: PlanRef;
  readonly b: PlanRef;
  readonly relation: 'same plan' | 'b revises a' | 'a revises b' | 'siblings' | 'unrelated';
  readonly text: readonly ValueChange[];
  readonly spec: readonly ValueChange[];
  readonly sampler: readonly ValueChange[];
  readonly data: {
    readonly fingerprint: { readonly a: string; readonly b: string; readonly changed: boolean };
    readonly window: { readonly a: DataWindow; readonly b: DataWindow; readonly changed: boolean };
    readonly filesAdded: readonly string[];
    readonly filesRemoved: readonly string[];
    /** Same name, other size or SHA-256. */
    readonly filesChanged: readonly string[];
    readonly channelsAdded: readonly string[];
    readonly channelsRemoved: readonly string[];
    readonly controlsAdded: readonly string[];
    readonly controlsRemoved: readonly string[];
  };
  readonly gate: { readonly a: boolean; readonly b: boolean };
  readonly channels: readonly ChannelDrift[];
  readonly scenarios: readonly ScenarioDiff[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaf changes between two JSON values; arrays are compared whole. */
export function valueChanges(before: unknown, after: unknown, path: string): ValueChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => valueChanges(before[key], after[key], `${path}.${key}`));
  }
  const same =
    before === after ||
    (before !== undefined && after !== undefined && canonicalJson(before) === canonicalJson(after));
  return same ? [] : [{ path, before: before ?? null, after: after ?? null }];
}

function drift(a: Interval, b: Interval): Drift {
  const change = b.mean - a.mean;
  return {
    a,
    b,
    change,
    relativeChange: a.mean === 0 ? null : change / Math.abs(a.mean),
    overlap: intervalOverlap(a, b),
  };
}

const minus = (xs: readonly string[], ys: readonly string[]): string[] =>
  xs.filter((x) => !ys.includes(x));

function relation(a: PlanDocument, b: PlanDocument): PlanDiff['relation'] {
  if (a.planId === b.planId) return 'same plan';
  if (b.parentIds.includes(a.planId)) return 'b revises a';
  if (a.parentIds.includes(b.planId)) return 'a revises b';
  if (a.parentIds.some((id) => b.parentIds.includes(id))) return 'siblings';
  return 'unrelated';
}

function curveDrift(
  a: PlanDocument,
  b: PlanDocument,
  channel: string,
): ChannelDrift['curveAtReference'] {
  const curveA = a.fit.responseCurves.find((curve) => curve.channel === channel);
  const curveB = b.fit.responseCurves.find((curve) => curve.channel === channel);
  if (!curveA || curveA.currentIndex < 0) return null;
  const spend = curveA.currentSpend;
  const valueA = curveA.mean[curveA.currentIndex];
  const valueB = curveB ? interpolate(curveB.spend, curveB.mean, spend) : null;
  return { spend, a: valueA, b: valueB, change: valueB === null ? null : valueB - valueA };
}

type Scenario = PlanDocument['scenarios'][number];

/** Pairs scenarios by id, then the rest by name. */
function pairScenarios(
  a: readonly Scenario[],
  b: readonly Scenario[],
): [Scenario | null, Scenario | null][] {
  const pairs: [Scenario | null, Scenario | null][] = [];
  const unmatched = [...b];
  const take = (match: (s: Scenario) => boolean): Scenario | null => {
    const index = unmatched.findIndex(match);
    return index < 0 ? null : unmatched.splice(index, 1)[0];
  };
  const leftovers: Scenario[] = [];
  for (const scenario of a) {
    const partner = take((s) => s.id === scenario.id);
    if (partner) pairs.push([scenario, partner]);
    else leftovers.push(scenario);
  }
  for (const scenario of leftovers)
    pairs.push([scenario, take((s) => s.inputs.name === scenario.inputs.name)]);
  for (const scenario of unmatched) pairs.push([null, scenario]);
  return pairs;
}

function scenarioDiff(a: Scenario | null, b: Scenario | null): ScenarioDiff {
  const spendOf = (s: Scenario | null, channel: string): number | null =>
    s?.inputs.allocation.find((entry) => entry.channel === channel)?.spend ?? null;
  const channels = [
    ...new Set(
      [...(a?.inputs.allocation ?? []), ...(b?.inputs.allocation ?? [])].map((e) => e.channel),
    ),
  ];
  const allocation = channels.map((channel) => {
    const before = spendOf(a, channel);
    const after = spendOf(b, channel);
    return {
      channel,
      a: before,
      b: after,
      change: before === null || after === null ? null : after - before,
    };
  });
  const status =
    a === null
      ? 'added'
      : b === null
        ? 'removed'
        : canonicalJson({ ...a, id: '' }) === canonicalJson({ ...b, id: '' })
          ? 'unchanged'
          : 'changed';
  return {
    name: (b ?? a)!.inputs.name,
    status,
    allocation,
    totalSpend: { a: a?.result.total.spend ?? null, b: b?.result.total.spend ?? null },
    incremental: {
      a: a?.result.total.incremental ?? null,
      b: b?.result.total.incremental ?? null,
    },
  };
}

const ref = (plan: PlanDocument): PlanRef => ({
  planId: plan.planId,
  title: plan.title,
  revision: plan.revision,
  createdAt: plan.createdAt,
});

const windowOf = (plan: PlanDocument): DataWindow => ({
  firstWeek: plan.fit.data.firstWeek,
  lastWeek: plan.fit.data.lastWeek,
  weeks: plan.fit.data.weeks,
});

export function diffPlans(a: PlanDocument, b: PlanDocument): PlanDiff {
  const dataA = a.fit.data;
  const dataB = b.fit.data;
  const filesA = new Map(dataA.files.map((file) => [file.name, file]));
  const filesB = new Map(dataB.files.map((file) => [file.name, file]));
  const windowA = windowOf(a);
  const windowB = windowOf(b);
  const channelsB = new Map(b.fit.channels.map((channel) => [channel.name, channel]));
  return {
    a: ref(a),
    b: ref(b),
    relation: relation(a, b),
    text: (['title', 'author', 'notes'] as const).flatMap((key) =>
      valueChanges(a[key], b[key], key),
    ),
    spec: valueChanges(a.fit.spec, b.fit.spec, 'spec'),
    sampler: valueChanges(a.fit.sampler, b.fit.sampler, 'sampler'),
    data: {
      fingerprint: {
        a: dataA.fingerprint,
        b: dataB.fingerprint,
        changed: dataA.fingerprint !== dataB.fingerprint,
      },
      window: {
        a: windowA,
        b: windowB,
        changed: canonicalJson(windowA) !== canonicalJson(windowB),
      },
      filesAdded: minus([...filesB.keys()], [...filesA.keys()]),
      filesRemoved: minus([...filesA.keys()], [...filesB.keys()]),
      filesChanged: [...filesA.keys()].filter((name) => {
        const other = filesB.get(name);
        const file = filesA.get(name)!;
        return other !== undefined && (other.sha256 !== file.sha256 || other.size !== file.size);
      }),
      channelsAdded: minus(dataB.channels, dataA.channels),
      channelsRemoved: minus(dataA.channels, dataB.channels),
      controlsAdded: minus(dataB.controls, dataA.controls),
      controlsRemoved: minus(dataA.controls, dataB.controls),
    },
    gate: { a: a.fit.diagnostics.gatePassed, b: b.fit.diagnostics.gatePassed },
    channels: a.fit.channels.flatMap((channel) => {
      const other = channelsB.get(channel.name);
      if (!other) return [];
      return [
        {
          channel: channel.name,
          roi: drift(channel.roi, other.roi),
          mroi: drift(channel.mroi, other.mroi),
          curveAtReference: curveDrift(a, b, channel.name),
        },
      ];
    }),
    scenarios: pairScenarios(a.scenarios, b.scenarios).map(([x, y]) => scenarioDiff(x, y)),
  };
}

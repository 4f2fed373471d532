/**
 * The priors file (`priors.json`, `mmm fit --priors`; the Model task writes the same file): per
 * channel, an ROI prior stated as a median and 90% range (roiPriorRange.ts) and overrides of the
 * adstock and saturation priors by the kernel's parameter names:
 *
 *   { "kind": "mmm-priors", "version": 1,
 *     "channels": { "tv": { "roi": { "median": 2, "lower": 0.8, "upper": 5 },
 *                           "adstock": { "decay": { "distribution": "beta", "alpha": 3, "beta": 2 } } } } }
 *
 * `channelOverridesOf` turns it into the spec's `channelOverrides`, checking every field against the
 * chosen adstock and saturation (a prior for a parameter the kernel lacks, or of the wrong family,
 * is an error naming the channel and the parameter).
 */
import { z } from 'zod';
import { priorProblem, priorSupport, type Prior } from './distributions';
import {
  ADSTOCK_PARAMETERS,
  channelParameterSupport,
  SATURATION_PARAMETERS,
} from './resolveModelSpec';
import { roiPriorFromRange, roiRangeProblem, type RoiRange } from './roiPriorRange';
import type { AdstockKind, ChannelPriorOverrides, SaturationKind } from './spec';

export const PRIORS_FILE_KIND = 'mmm-priors';

const PriorSchema: z.ZodType<Prior> = z.union([
  z.object({ distribution: z.literal('normal'), mean: z.number(), sd: z.number() }),
  z.object({ distribution: z.literal('halfNormal'), sd: z.number() }),
  z.object({ distribution: z.literal('logNormal'), mu: z.number(), sigma: z.number() }),
  z.object({ distribution: z.literal('gamma'), shape: z.number(), rate: z.number() }),
  z.object({ distribution: z.literal('beta'), alpha: z.number(), beta: z.number() }),
]);

const ChannelPriorsEntrySchema = z.strictObject({
  roi: z.strictObject({ median: z.number(), lower: z.number(), upper: z.number() }).optional(),
  adstock: z.record(z.string(), PriorSchema).optional(),
  saturation: z.record(z.string(), PriorSchema).optional(),
});

export const PriorsFileSchema = z.strictObject({
  kind: z.literal(PRIORS_FILE_KIND),
  version: z.literal(1),
  channels: z.record(z.string(), ChannelPriorsEntrySchema),
});

export type PriorsFile = z.infer<typeof PriorsFileSchema>;
export type ChannelPriorsEntry = z.infer<typeof ChannelPriorsEntrySchema>;

/** Families allowed on each support, as the error message names them. */
const FAMILIES: Record<string, string> = {
  unit: 'beta',
  positive: 'gamma, logNormal or halfNormal',
  real: 'normal',
};

/** The first problem of one kernel prior as a sentence, or null. */
export function kernelPriorProblem(
  group: 'adstock' | 'saturation',
  name: string,
  prior: Prior,
  kinds: { adstock: AdstockKind; saturation: SaturationKind },
): string | null {
  const known: readonly string[] =
    group === 'adstock'
      ? ADSTOCK_PARAMETERS[kinds.adstock]
      : SATURATION_PARAMETERS[kinds.saturation];
  if (!known.includes(name))
    return `${kinds[group]} ${group} has no parameter '${name}' (it has ${known.join(', ')})`;
  const own = priorProblem(prior);
  if (own) return own;
  const support = channelParameterSupport(group, name, kinds.saturation);
  const needed = support === 'interval' ? 'unit' : support;
  if (priorSupport(prior) !== needed)
    return `${prior.distribution} does not fit this parameter: use ${FAMILIES[needed]}`;
  return null;
}

export interface PriorsProblem {
  /** Where, as a path: channels.<name>.roi.lower, channels.<name>.adstock.decay, … */
  readonly field: string;
  readonly message: string;
}

interface PriorsOptions {
  readonly channels: readonly string[];
  readonly adstock: AdstockKind;
  readonly saturation: SaturationKind;
}

/** Every problem of a priors file against the fitted channels and kernels (empty: usable). */
export function priorsFileProblems(file: PriorsFile, options: PriorsOptions): PriorsProblem[] {
  const problems: PriorsProblem[] = [];
  for (const [channel, entry] of Object.entries(file.channels)) {
    const at = `channels.${channel}`;
    if (!options.channels.includes(channel)) {
      problems.push({
        field: at,
        message: `'${channel}' is not a fitted channel (${options.channels.join(', ')})`,
      });
      continue;
    }
    if (entry.roi) {
      const problem = roiRangeProblem(entry.roi);
      if (problem) problems.push({ field: `${at}.roi.${problem.field}`, message: problem.message });
    }
    for (const group of ['adstock', 'saturation'] as const)
      for (const [name, prior] of Object.entries(entry[group] ?? {})) {
        const problem = kernelPriorProblem(group, name, prior, options);
        if (problem) problems.push({ field: `${at}.${group}.${name}`, message: problem });
      }
  }
  return problems;
}

/** The spec's per-channel overrides of a priors file; throws one sentence naming the field. */
export function channelOverridesOf(
  file: PriorsFile,
  options: PriorsOptions & {
    /** Prefix of every message, e.g. the file name. */
    readonly where?: string;
  },
): Record<string, ChannelPriorOverrides> {
  const [problem] = priorsFileProblems(file, options);
  if (problem)
    throw new Error(
      `${options.where ? `${options.where}: ` : ''}${problem.field}: ${problem.message}`,
    );
  const overrides: Record<string, ChannelPriorOverrides> = {};
  for (const [channel, entry] of Object.entries(file.channels)) {
    const override: {
      roi?: Prior;
      adstock?: Record<string, Prior>;
      saturation?: Record<string, Prior>;
    } = {};
    if (entry.roi) override.roi = roiPriorFromRange(entry.roi);
    for (const group of ['adstock', 'saturation'] as const) {
      const priors = entry[group];
      if (priors && Object.keys(priors).length > 0) override[group] = { ...priors };
    }
    if (Object.keys(override).length > 0) overrides[channel] = override;
  }
  return overrides;
}

/** A priors file of per-channel entries, empty entries left out (what the app saves). */
export function priorsFileOf(channels: Readonly<Record<string, ChannelPriorsEntry>>): PriorsFile {
  const kept: Record<string, ChannelPriorsEntry> = {};
  for (const [channel, entry] of Object.entries(channels)) {
    const clean: {
      roi?: RoiRange;
      adstock?: Record<string, Prior>;
      saturation?: Record<string, Prior>;
    } = {};
    if (entry.roi) clean.roi = { ...entry.roi };
    if (entry.adstock && Object.keys(entry.adstock).length > 0)
      clean.adstock = { ...entry.adstock };
    if (entry.saturation && Object.keys(entry.saturation).length > 0)
      clean.saturation = { ...entry.saturation };
    if (Object.keys(clean).length > 0) kept[channel] = clean;
  }
  return { kind: PRIORS_FILE_KIND, version: 1, channels: kept };
}

/** Whether a priors file sets anything at all. */
export function hasPriors(file: PriorsFile): boolean {
  return Object.keys(file.channels).length > 0;
}

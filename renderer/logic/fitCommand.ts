/**
 * The command that reproduces a fit headless: `mmm fit <data files> --mapping mapping.json
 * --channels … --controls … --adstock … --saturation … --chains … --warmup … --draws … --seed …
 * [--holdout-weeks …] [--priors priors.json] [--lift-tests lift-tests.csv]`, with the files the
 * Results task offers beside it (`fitCommandFiles`). Run in a folder holding the data files and
 * those three, it gives the same draws (renderer/fit/reproduceCommand.test.ts runs it).
 */
import { liftTestsCsvOf } from '../../models/experiments/liftTestsCsv';
import { priorsFileOf } from '../../models/mmm/priorsFile';
import type { AdstockKind, SaturationKind } from '../../models/mmm';
import type { MmmFitRecord } from '../../models/report';

export const MAPPING_FILE = 'mapping.json';
export const PRIORS_FILE = 'priors.json';
export const LIFT_TESTS_FILE = 'lift-tests.csv';

const ADSTOCK_FLAG: Record<AdstockKind, string> = {
  geometric: 'geometric',
  weibullCdf: 'weibull-cdf',
  weibullPdf: 'weibull-pdf',
  delayed: 'delayed',
};
const SATURATION_FLAG: Record<SaturationKind, string> = {
  hill: 'hill',
  logistic: 'logistic',
  michaelisMenten: 'michaelis-menten',
};

/** A word for a POSIX shell: as it is when plain, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=,:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The argument list of the reproduce command (without `mmm fit`). */
export function fitCommandArguments(record: MmmFitRecord): string[] {
  const { report } = record;
  const spec = record.spec;
  const files = report.data.files.map((file) => file.name);
  const args = [...files, '--mapping', MAPPING_FILE];
  args.push('--channels', report.data.channels.join(','));
  args.push('--controls', report.data.controls.join(','));
  args.push('--adstock', ADSTOCK_FLAG[report.spec.adstock]);
  args.push('--saturation', SATURATION_FLAG[report.spec.saturation]);
  args.push('--chains', String(report.sampler.chains));
  args.push('--warmup', String(report.sampler.warmup));
  args.push('--draws', String(report.sampler.draws));
  args.push('--seed', String(report.sampler.seed));
  if (report.spec.holdoutWeeks > 0) args.push('--holdout-weeks', String(report.spec.holdoutWeeks));
  if (spec?.priors && Object.keys(spec.priors).length > 0) args.push('--priors', PRIORS_FILE);
  if ((report.inputs?.experiments.length ?? 0) > 0) args.push('--lift-tests', LIFT_TESTS_FILE);
  return args;
}

export function fitCommand(record: MmmFitRecord): string {
  return ['mmm', 'fit', ...fitCommandArguments(record)].map(shellQuote).join(' ');
}

/** The files the command names besides the data: name → contents (null when the fit lacks it). */
export function fitCommandFiles(record: MmmFitRecord): {
  readonly mapping: string | null;
  readonly priors: string | null;
  readonly liftTests: string | null;
} {
  const spec = record.spec;
  const experiments = record.report.inputs?.experiments ?? [];
  return {
    mapping: spec?.mapping ? `${JSON.stringify(spec.mapping, null, 2)}\n` : null,
    priors:
      spec?.priors && Object.keys(spec.priors).length > 0
        ? `${JSON.stringify(priorsFileOf(spec.priors), null, 2)}\n`
        : null,
    liftTests: experiments.length > 0 ? liftTestsCsvOf(experiments) : null,
  };
}

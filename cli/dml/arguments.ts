/** The options of `mmm dml`, parsed and checked (a bad option is a `UsageError`, exit code 2). */
import {
  foldSchemes,
  type AdstockSetting,
  type DmlOptions,
  type FoldScheme,
  type SensitivityParameters,
} from '../../models/causal';
import { learnerNames, type LearnerName } from '../../models/learners';
import { list, UsageError } from '../commandLine';

export interface DmlArguments {
  file: string;
  outcome: string;
  treatments: string[];
  controls: string[];
  date: string | null;
  timeTerms: boolean;
  json: boolean;
  options: DmlOptions;
}

function integerOption(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum)
    throw new UsageError(`--${name} must be an integer ≥ ${minimum}, got '${text}'`);
  return value;
}

function hacLagOption(text: string): number | 'simple' | 'nw1994' {
  return text === 'simple' || text === 'nw1994' ? text : integerOption('hac-lag', text, 0);
}

function parseAdstock(text: string): Record<string, AdstockSetting> {
  const settings: Record<string, AdstockSetting> = {};
  for (const part of list(text)) {
    const match = /^(.+)=([0-9.eE+-]+):(\d+)$/.exec(part);
    if (!match) throw new UsageError(`--adstock expects name=alpha:lags, got '${part}'`);
    settings[match[1]] = { alpha: Number(match[2]), maxLag: Number(match[3]) };
  }
  return settings;
}

function parseSensitivity(text: string): SensitivityParameters {
  const values = list(text).map(Number);
  if (values.length !== 3 || values.some((v) => !Number.isFinite(v)))
    throw new UsageError(`--sensitivity expects cfY,cfD,rho (three numbers), got '${text}'`);
  return { cfY: values[0], cfD: values[1], rho: values[2] };
}

export function parseArguments(argv: readonly string[]): DmlArguments {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json' || arg === '--no-time-terms') switches.add(arg.slice(2));
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else positional.push(arg);
  }
  const known = new Set([
    'outcome',
    'treatments',
    'controls',
    'date',
    'learner',
    'folds',
    'reps',
    'fold-scheme',
    'gap',
    'score',
    'se',
    'hac-lag',
    'adstock',
    'sensitivity',
    'seed',
  ]);
  for (const name of flags.keys())
    if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
  if (positional.length !== 1)
    throw new UsageError(
      positional.length === 0
        ? 'missing the data file'
        : `expected one data file, got ${positional.length}`,
    );
  const outcome = flags.get('outcome');
  if (!outcome) throw new UsageError('missing --outcome <col>');
  const treatments = list(flags.get('treatments') ?? '');
  if (treatments.length === 0) throw new UsageError('missing --treatments <a,b>');
  const learner = flags.get('learner') ?? 'lasso';
  if (!(learnerNames as readonly string[]).includes(learner))
    throw new UsageError(`--learner must be one of ${learnerNames.join(', ')}, got '${learner}'`);
  const schemeText = flags.get('fold-scheme') ?? 'random';
  const scheme: FoldScheme | undefined =
    schemeText === 'nlo' ? 'neighbours-left-out' : foldSchemes.find((s) => s === schemeText);
  if (!scheme)
    throw new UsageError(`--fold-scheme must be random, blocked or nlo, got '${schemeText}'`);
  const score = flags.get('score') ?? 'po';
  if (score !== 'po' && score !== 'iv')
    throw new UsageError(`--score must be po or iv, got '${score}'`);
  const se = flags.get('se') ?? 'hac';
  if (se !== 'iid' && se !== 'hac') throw new UsageError(`--se must be iid or hac, got '${se}'`);
  const options: DmlOptions = {
    learner: learner as LearnerName,
    folds: integerOption('folds', flags.get('folds') ?? '5', 2),
    repetitions: integerOption('reps', flags.get('reps') ?? '1', 1),
    foldScheme: scheme,
    ...(flags.has('gap') ? { gap: integerOption('gap', flags.get('gap')!, 0) } : {}),
    score: score === 'iv' ? 'iv-type' : 'partialling-out',
    standardError: se,
    ...(flags.has('hac-lag') ? { hacLag: hacLagOption(flags.get('hac-lag')!) } : {}),
    ...(flags.has('adstock') ? { adstock: parseAdstock(flags.get('adstock')!) } : {}),
    ...(flags.has('sensitivity')
      ? { sensitivity: parseSensitivity(flags.get('sensitivity')!) }
      : {}),
    seed: integerOption('seed', flags.get('seed') ?? '0', 0),
  };
  for (const name of Object.keys(options.adstock ?? {})) {
    if (!treatments.includes(name))
      throw new UsageError(`--adstock names '${name}', which is not among --treatments`);
  }
  return {
    file: positional[0],
    outcome,
    treatments,
    controls: list(flags.get('controls') ?? ''),
    date: flags.get('date') ?? null,
    timeTerms: !switches.has('no-time-terms'),
    json: switches.has('json'),
    options,
  };
}

/** The model inputs read from the imported table, in date order when there is a date. */

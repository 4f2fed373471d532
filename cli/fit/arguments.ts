/**
 * Flags of `mmm fit` (node:util parseArgs) → a checked `FitArguments`. Every mistake is a
 * `UsageError` with one line naming the flag and the value.
 */
import type { AdstockKind, Parametrisation, SaturationKind } from '../../models/mmm';
import { list, parseFlags, UsageError } from '../commandLine';
import { dataArguments, type DataArguments } from './mappedArguments';

export const FIT_USAGE = `usage: mmm fit <data file> --date <col> --kpi <col> --channels <c1,c2,…> [options]
       mmm fit <data files…> --mapping mapping.json [--channels <names>] [--controls <names>] [options]

  --date <col>               date column (daily data is summed to weeks)
  --kpi <col>                KPI column (e.g. revenue)
  --channels <a,b,…>         spend columns, one per channel (the channel names); name=column
                             names a channel apart from its column (tv=tv_spend)
  --controls <x,y,…>         control columns
  --keep-personal <x,y,…>    use these columns although they look like personal data (e-mail
                             addresses, phone numbers, user ids); the columns named above are
                             used whatever they hold
  --mapping <mapping.json>   the Data task's mapping of the data files (date, KPI, channels,
                             controls); --channels and --controls then pick mapped names (all when
                             left out; --controls '' for none)
  --priors <priors.json>     per-channel ROI priors (median and 90% range) and adstock /
                             saturation priors, as the Model task saves them
  --adstock <kind>           geometric (default) | weibull-cdf | weibull-pdf | delayed
  --max-lag <N>              adstock window in weeks (default 8)
  --saturation <kind>        hill (default) | logistic | michaelis-menten
  --parametrisation <p>      roi (default: priors on each channel's ROI) | textbook (half-normal β)
  --media-share <mean,sd>    prior on the paid-media share of the KPI that sets every channel's
                             ROI prior (default 0.4,0.2); 'off' for a fixed LogNormal(0.2, 0.9)
  --chains <N>               chains, one worker each (default 4)
  --warmup <N>               warmup iterations per chain (default 1000)
  --draws <N>                draws per chain (default 1000)
  --seed <N>                 seed (default 1)
  --metric <shape>           dense (default) | diagonal inverse mass matrix
  --target-accept <δ>        NUTS target acceptance in (0, 1) (default 0.9)
  --holdout-weeks <N>        leave the last N weeks out and report their MAPE (default 0)
  --week-start <day>         monday (default) | sunday, for daily data
  --only-geo <name>          fit one market: only the rows of this geo (the file's geo column)
  --lift-tests <file.csv>    lift tests: channel,start_date,end_date,lift,standard_error (KPI units)
                             [,geo] (a geo experiment's geo, with --geo)
  --geo <col>                fit the geo-level hierarchical model, one geo per value of <col>
                             (one data file with --date/--kpi/--channels; without --geo the geos
                             are summed and the national model is fitted)
  --population <col>         with --geo: each geo's population (KPI and spend are modelled per
                             capita); without it every geo counts as equal
  --out <result.json>        write the full fit result (written only when the fit finishes);
                             a name ending in .mmmplan writes a plan file with no scenarios
  --json                     print one JSON object on stdout instead of the table`;

export interface FitArguments {
  /** The first data file (the only one without --mapping). */
  readonly file: string;
  /** Every data file, in the order given. */
  readonly files: readonly string[];
  /** Where date, KPI, channels and controls come from (flags or a mapping file). */
  readonly data: DataArguments;
  readonly date: string;
  readonly kpi: string;
  /** Channel names (the model's and the report's); the mapped names chosen with --mapping. */
  readonly channels: readonly string[];
  /** The spend column of each channel, in the same order (the name unless given as name=column). */
  readonly channelColumns: readonly string[];
  readonly controls: readonly string[];
  /** Columns used although they look like personal data (`--keep-personal`). */
  readonly keepPersonal: readonly string[];
  readonly priors: string | null;
  readonly adstock: AdstockKind;
  readonly maxLag: number | undefined;
  readonly saturation: SaturationKind;
  readonly parametrisation: Parametrisation;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly metric: 'dense' | 'diagonal';
  readonly targetAcceptance: number | undefined;
  /** undefined: the model's default; null: off. */
  readonly mediaShare: { mean: number; sd: number } | null | undefined;
  readonly holdoutWeeks: number;
  readonly weekStart: 'monday' | 'sunday';
  /** Only the rows of this geo (cli/fit/onlyGeo.ts); null: every geo, summed. */
  readonly onlyGeo: string | null;
  readonly liftTests: string | null;
  /** The geo column (geo model), or null (national model). */
  readonly geo: string | null;
  readonly population: string | null;
  readonly out: string | null;
  readonly json: boolean;
  readonly help: boolean;
}

const ADSTOCK: Record<string, AdstockKind> = {
  geometric: 'geometric',
  'weibull-cdf': 'weibullCdf',
  'weibull-pdf': 'weibullPdf',
  delayed: 'delayed',
};
const SATURATION: Record<string, SaturationKind> = {
  hill: 'hill',
  logistic: 'logistic',
  'michaelis-menten': 'michaelisMenten',
};

function integer(
  name: string,
  text: string | undefined,
  fallback: number,
  minimum: number,
  maximum = Number.MAX_SAFE_INTEGER,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (
    !/^-?\d+$/.test(text.trim()) ||
    !Number.isSafeInteger(value) ||
    value < minimum ||
    value > maximum
  ) {
    const range =
      maximum === Number.MAX_SAFE_INTEGER ? `≥ ${minimum}` : `in ${minimum} … ${maximum}`;
    throw new UsageError(`--${name} must be an integer ${range}, got '${text}'`);
  }
  return value;
}

function targetAcceptance(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !(value > 0 && value < 1))
    throw new UsageError(`--target-accept must be a number in (0, 1), got '${text}'`);
  return value;
}

function mediaShare(text: string | undefined): { mean: number; sd: number } | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'off') return null;
  const parts = text.split(',').map((part) => Number(part.trim()));
  if (
    parts.length !== 2 ||
    !(parts[0] > 0 && parts[0] < 1) ||
    !(parts[1] > 0 && Number.isFinite(parts[1]))
  )
    throw new UsageError(
      `--media-share must be 'mean,sd' with mean in (0, 1) and sd > 0, or 'off', got '${text}'`,
    );
  return { mean: parts[0], sd: parts[1] };
}

function choice<T>(
  name: string,
  text: string | undefined,
  table: Record<string, T>,
  fallback: T,
): T {
  if (text === undefined) return fallback;
  const value = table[text];
  if (value === undefined)
    throw new UsageError(
      `--${name} must be one of ${Object.keys(table).join(', ')}, got '${text}'`,
    );
  return value;
}

/**
 * --geo and --population: the geo model's columns (kept apart from the national flags). The geo
 * model reads one file by its columns; the mapped form (several files) is national only for now.
 */
function geoArguments(
  geo: string | undefined,
  population: string | undefined,
  data: DataArguments,
): { geo: string | null; population: string | null } {
  if (geo !== undefined && geo.trim() === '') throw new UsageError('--geo needs a column name');
  if (population !== undefined && geo === undefined)
    throw new UsageError('--population needs --geo <col> (population scales a geo model)');
  if (population !== undefined && population.trim() === '')
    throw new UsageError('--population needs a column name');
  if (geo === undefined) return { geo: null, population: null };
  if (data.kind !== 'columns')
    throw new UsageError(
      '--geo reads one data file by --date, --kpi and --channels columns, not with --mapping',
    );
  const all = [data.date, data.kpi, ...data.channelColumns, ...data.controls];
  const repeated = [geo, population].find((name) => name !== undefined && all.includes(name));
  if (repeated)
    throw new UsageError(
      `column '${repeated}' is named twice (date, KPI, channels, controls, geo and population must differ)`,
    );
  if (geo === population)
    throw new UsageError(`column '${geo}' is named twice (--geo and --population must differ)`);
  return { geo, population: population ?? null };
}

export function parseFitArguments(argv: readonly string[]): FitArguments {
  const parsed = parseFlags(argv, {
    date: { type: 'string' },
    kpi: { type: 'string' },
    channels: { type: 'string' },
    controls: { type: 'string' },
    'keep-personal': { type: 'string' },
    mapping: { type: 'string' },
    priors: { type: 'string' },
    adstock: { type: 'string' },
    'max-lag': { type: 'string' },
    saturation: { type: 'string' },
    parametrisation: { type: 'string' },
    chains: { type: 'string' },
    warmup: { type: 'string' },
    draws: { type: 'string' },
    seed: { type: 'string' },
    metric: { type: 'string' },
    'target-accept': { type: 'string' },
    'media-share': { type: 'string' },
    'holdout-weeks': { type: 'string' },
    'week-start': { type: 'string' },
    'only-geo': { type: 'string' },
    'lift-tests': { type: 'string' },
    geo: { type: 'string' },
    population: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  const help = values.help === true;
  if (help) return { help, json: false } as FitArguments;
  const data = dataArguments(values, positionals);
  const weekStart = values['week-start'] ?? 'monday';
  if (weekStart !== 'monday' && weekStart !== 'sunday')
    throw new UsageError(`--week-start must be monday or sunday, got '${weekStart}'`);
  return {
    file: positionals[0],
    files: [...positionals],
    data,
    keepPersonal: list(values['keep-personal']),
    date: data.kind === 'columns' ? data.date : '',
    kpi: data.kind === 'columns' ? data.kpi : '',
    channels: data.kind === 'columns' ? data.channels : (data.channels ?? []),
    channelColumns: data.kind === 'columns' ? data.channelColumns : [],
    controls: data.kind === 'columns' ? data.controls : (data.controls ?? []),
    priors: values.priors ?? null,
    adstock: choice('adstock', values.adstock, ADSTOCK, 'geometric'),
    maxLag:
      values['max-lag'] === undefined
        ? undefined
        : integer('max-lag', values['max-lag'], 8, 1, 104),
    saturation: choice('saturation', values.saturation, SATURATION, 'hill'),
    parametrisation: choice(
      'parametrisation',
      values.parametrisation,
      { roi: 'roi', textbook: 'textbook' } as const,
      'roi',
    ),
    chains: integer('chains', values.chains, 4, 1, 64),
    warmup: integer('warmup', values.warmup, 1000, 0),
    draws: integer('draws', values.draws, 1000, 4),
    seed: integer('seed', values.seed, 1, 0),
    metric: choice(
      'metric',
      values.metric,
      { dense: 'dense', diagonal: 'diagonal' } as const,
      'dense',
    ),
    targetAcceptance: targetAcceptance(values['target-accept']),
    mediaShare: mediaShare(values['media-share']),
    holdoutWeeks: integer('holdout-weeks', values['holdout-weeks'], 0, 0),
    weekStart,
    onlyGeo: values['only-geo'] ?? null,
    liftTests: values['lift-tests'] ?? null,
    ...geoArguments(values.geo, values.population, data),
    out: values.out ?? null,
    json: values.json === true,
    help,
  };
}

/**
 * Flags of `mmm optimize` (node:util parseArgs) → checked `OptimizeArguments`. Every mistake is a
 * `UsageError` with one line naming the flag and the value.
 */
import type { ChannelBound, Objective, Risk } from '../../models/planning/scenarioSchema';
import { list, parseFlags, UsageError } from '../commandLine';

export const OPTIMIZE_USAGE = `usage: mmm optimize <result.json | plan.mmmplan> [--budget <total>] [options]

  <result.json | plan>       a fit result (mmm fit --out) or a plan file; plans on its fit with no
                             data files
  --budget <total>           total spend over the horizon, currency (default: the reference
                             spend, i.e. the last N weeks of data); the budget of max-kpi
  --weeks <N>                horizon: N weeks after the last data week (default 13)
  --bounds <ch=lo:hi,…>      per-channel bounds on the horizon total. Plain numbers are
                             multiples of the channel's reference spend (tv=0.5:1.5); a number
                             ending in a currency suffix — any 3-letter code (USD, EUR, GBP, …)
                             or $ € £ — is absolute currency, and then both ends are
                             (tv=40000:90000USD). Default for every channel: 0.7:1.3 (±30%)
  --lock <ch,…>              keep these channels at their reference spend
  --objective <kind>         max-kpi (default) | min-spend | target-roi | target-mroi
  --target <X>               min-spend: incremental KPI to reach; target-roi: overall ROI to
                             keep; target-mroi: marginal ROI every channel spends down to
  --risk <measure>           mean (default) | q10 (10th percentile; any qNN) | mean-sd:λ
  --flighting <shape>        reference (default: the last N weeks' weekly shape) | flat |
                             <file.csv> (weekly planned spend, Meridian's hypothetical-data
                             shape: a time/date/week column, optional geo, <channel> or
                             <channel>_spend columns)
  --out <plan.mmmplan>       write the optimised scenario as a plan: the next revision of the
                             source plan (its scenarios kept), or a first plan on the fit result
  --json                     print one JSON object on stdout instead of the table`;

export interface OptimizeArguments {
  readonly help: boolean;
  readonly file: string;
  readonly budget: number | null;
  readonly weeks: number;
  readonly bounds: readonly ChannelBound[];
  readonly locked: readonly string[];
  readonly objective: Objective['kind'];
  readonly target: number | null;
  readonly risk: Risk;
  /** 'flat' | 'reference' | a CSV path. */
  readonly flighting: string;
  readonly out: string | null;
  readonly json: boolean;
}

const OBJECTIVES = ['max-kpi', 'min-spend', 'target-roi', 'target-mroi'] as const;
const CURRENCY = /^(.*?)\s*([A-Za-z]{3}|[$€£])$/;

function nonNegative(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new UsageError(`${flag}: '${text}' is not a number of zero or more`);
  return value;
}

/** `ch=lo:hi` → a bound; a currency suffix on either end makes the bound absolute. */
export function parseBound(entry: string): ChannelBound {
  const split = entry.lastIndexOf('=');
  const channel = entry.slice(0, split).trim();
  const range = entry.slice(split + 1).split(':');
  if (split <= 0 || range.length !== 2)
    throw new UsageError(`--bounds: '${entry}' is not channel=lower:upper`);
  const ends = range.map((text) => {
    const match = CURRENCY.exec(text.trim());
    return match ? { text: match[1], absolute: true } : { text: text.trim(), absolute: false };
  });
  const absolute = ends.some((end) => end.absolute);
  const [lower, upper] = ends.map((end) => nonNegative(end.text, `--bounds ${channel}`));
  if (lower > upper)
    throw new UsageError(
      `--bounds ${channel}: the lower bound ${lower} is above the upper bound ${upper}`,
    );
  return { channel, unit: absolute ? 'absolute' : 'relative', lower, upper };
}

export function parseRisk(text: string): Risk {
  if (text === 'mean') return { kind: 'mean' };
  const quantile = /^q(\d{1,2})$/.exec(text);
  if (quantile && Number(quantile[1]) > 0)
    return { kind: 'quantile', quantile: Number(quantile[1]) / 100 };
  const meanSd = /^mean-sd:(.+)$/.exec(text);
  if (meanSd) return { kind: 'mean-sd', lambda: nonNegative(meanSd[1], '--risk mean-sd') };
  throw new UsageError(`--risk: '${text}' is not mean, qNN (e.g. q10) or mean-sd:λ`);
}

export function parseOptimizeArguments(argv: readonly string[]): OptimizeArguments {
  const parsed = parseFlags(argv, {
    budget: { type: 'string' },
    weeks: { type: 'string' },
    bounds: { type: 'string' },
    lock: { type: 'string' },
    objective: { type: 'string' },
    target: { type: 'string' },
    risk: { type: 'string' },
    flighting: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) return { help: true } as OptimizeArguments;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'missing the fit result or plan file'
        : `expected one fit result or plan file, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const objective = (values.objective ?? 'max-kpi') as Objective['kind'];
  if (!(OBJECTIVES as readonly string[]).includes(objective))
    throw new UsageError(
      `--objective: '${values.objective}' is not one of ${OBJECTIVES.join(', ')}`,
    );
  const target = values.target === undefined ? null : nonNegative(values.target, '--target');
  if (objective !== 'max-kpi' && target === null)
    throw new UsageError(`--objective ${objective} needs --target <X>`);
  if (objective === 'max-kpi' && target !== null)
    throw new UsageError('--target: max-kpi takes --budget, not a target');
  const weeks = values.weeks === undefined ? 13 : Number(values.weeks);
  if (!(Number.isInteger(weeks) && weeks >= 1 && weeks <= 104))
    throw new UsageError(`--weeks: '${values.weeks}' is not a whole number from 1 to 104`);
  return {
    help: false,
    file: positionals[0],
    budget: values.budget === undefined ? null : nonNegative(values.budget, '--budget'),
    weeks,
    bounds: list(values.bounds).map(parseBound),
    locked: list(values.lock),
    objective,
    target,
    risk: parseRisk(values.risk ?? 'mean'),
    flighting: values.flighting ?? 'reference',
    out: values.out ?? null,
    json: values.json === true,
  };
}

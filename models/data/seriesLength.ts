/**
 * How many weeks a model needs. The weekly model frame spans the weeks all files share; below
 * `MINIMUM_TRAINING_WEEKS` the model cannot be fitted (adstock, saturation, trend and the
 * intercept are not told apart by fewer observations), and below `RECOMMENDED_WEEKS` it can, but
 * yearly seasonality is not identified (Meridian and Robyn recommend two years of weekly data).
 * Both the CLI (`mmm fit`, `mmm inspect`) and the app read these constants.
 */
import type { ValidationProblem } from './types';

/** Fewest training weeks (after any holdout) a model is fitted on. */
export const MINIMUM_TRAINING_WEEKS = 26;
/** Weeks below which validation warns: seasonality needs a year. */
export const RECOMMENDED_WEEKS = 52;

const dayMilliseconds = 86_400_000;

/** Weeks from the week starting `first` to the one starting `last` (ISO dates), both included. */
export function weeksBetween(first: string, last: string): number {
  return Math.round((Date.parse(last) - Date.parse(first)) / (7 * dayMilliseconds)) + 1;
}

/**
 * The problem, if any, with the length of the frame's shared range: an error below the minimum, a
 * warning below a year, nothing from a year on.
 */
export function seriesLengthProblems(range: {
  readonly first: string;
  readonly last: string;
  readonly file: string;
  readonly column: string;
}): ValidationProblem[] {
  const weeks = weeksBetween(range.first, range.last);
  const base = {
    code: 'too-few-weeks' as const,
    file: range.file,
    column: range.column,
    date: range.first,
  };
  const span = `${weeks} week${weeks === 1 ? '' : 's'} of data (${range.first} … ${range.last})`;
  if (weeks < MINIMUM_TRAINING_WEEKS)
    return [
      {
        ...base,
        severity: 'error',
        message: `${span}: the model needs at least ${MINIMUM_TRAINING_WEEKS} to tell adstock, saturation and trend apart`,
      },
    ];
  if (weeks < RECOMMENDED_WEEKS)
    return [
      {
        ...base,
        severity: 'warning',
        message: `${span}: seasonality needs a year (${RECOMMENDED_WEEKS} weeks) or more to be estimated; Meridian and Robyn recommend two years of weekly data`,
      },
    ];
  return [];
}

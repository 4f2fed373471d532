/** Keeps a report readable: at most `problemsPerColumn` problems per file, code and column, then "and N more". */
import type { ValidationProblem } from './types';

export const problemsPerColumn = 20;

/** The first listed problems of a group plus one line counting those not listed (`total` counts all). */
export function capped(listed: readonly ValidationProblem[], total: number): ValidationProblem[] {
  const shown = listed.slice(0, problemsPerColumn);
  if (total <= shown.length || shown.length === 0) return shown;
  const { severity, code, file, column } = shown[0];
  return [
    ...shown,
    {
      severity,
      code,
      file,
      ...(column ? { column } : {}),
      message: `and ${total - shown.length} more`,
    },
  ];
}

/**
 * What every command's flag parsing shares: one error type for a usage mistake (exit code 2, one
 * line naming the flag and the value), node:util's parseArgs in strict mode with its message cut to
 * that one line, and comma-separated flag values.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** `argv` parsed against `options` (positionals allowed); unknown flags and bad values throw UsageError. */
export function parseFlags<const T extends FlagOptions>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    // parseArgs' messages are one line and name the flag ("Unknown option '--x'").
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

/** `a, b,,c` → ['a', 'b', 'c']: trimmed, empty entries dropped; undefined → []. */
export function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

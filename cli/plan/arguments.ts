/** Flags of `mmm plan <subcommand>` (node:util parseArgs) → checked arguments; mistakes are UsageErrors. */
import { parseFlags, UsageError } from '../commandLine';

export const PLAN_USAGE = `usage: mmm plan <subcommand> [options]

  mmm plan verify <file.mmmplan>              schema, version and content hash: exit 0 and one
                                              line when valid, 1 and the reason otherwise
  mmm plan show <file.mmmplan> [--json]       the plan: lineage, data, gate, ROI, scenarios,
                                              and the mmm fit command that regenerates its draws
  mmm plan diff <a.mmmplan> <b.mmmplan> [--json]
                                              spec, prior, data, ROI/mROI drift with interval
                                              overlap, curve drift, allocation changes (a → b)
  mmm plan migrate <file.mmmplan> --out <file.mmmplan>
                                              rewrite an older plan in the current format
  mmm plan report <file.mmmplan> --out <report.html>
                                              the one-page static HTML report
  mmm plan inputs <file.mmmplan> --out <weekly.csv> [--lift-tests-out <lift.csv>]
                                              the weekly series the model saw (to refit it)

Files written are replaced atomically, the previous one kept as <file>.bak; a plan file never
replaces another plan.`;

export const SUBCOMMANDS = ['verify', 'show', 'diff', 'migrate', 'report', 'inputs'] as const;
export type PlanSubcommand = (typeof SUBCOMMANDS)[number];

export interface PlanArguments {
  readonly subcommand: PlanSubcommand;
  readonly files: readonly string[];
  readonly out: string | null;
  readonly liftTestsOut: string | null;
  readonly json: boolean;
}

const FILES: Record<PlanSubcommand, number> = {
  verify: 1,
  show: 1,
  diff: 2,
  migrate: 1,
  report: 1,
  inputs: 1,
};

/** null: --help. */
export function parsePlanArguments(argv: readonly string[]): PlanArguments | null {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') return null;
  if (!(SUBCOMMANDS as readonly string[]).includes(subcommand))
    throw new UsageError(`unknown subcommand '${subcommand}' (one of ${SUBCOMMANDS.join(', ')})`);
  const command = subcommand as PlanSubcommand;
  const parsed = parseFlags(rest, {
    out: { type: 'string' },
    'lift-tests-out': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) return null;
  const wanted = FILES[command];
  if (positionals.length !== wanted)
    throw new UsageError(
      `mmm plan ${command} takes ${wanted === 1 ? 'one plan file' : 'two plan files'}, got ${positionals.length}`,
    );
  const needsOut = command === 'migrate' || command === 'report' || command === 'inputs';
  if (needsOut && !values.out) throw new UsageError(`mmm plan ${command} needs --out <file>`);
  if (!needsOut && values.out)
    throw new UsageError(`mmm plan ${command} writes nothing: drop --out`);
  if (values['lift-tests-out'] && command !== 'inputs')
    throw new UsageError('--lift-tests-out goes with mmm plan inputs');
  if (values.json && command !== 'show' && command !== 'diff')
    throw new UsageError(`--json goes with mmm plan show and mmm plan diff`);
  return {
    subcommand: command,
    files: positionals,
    out: values.out ?? null,
    liftTestsOut: values['lift-tests-out'] ?? null,
    json: values.json === true,
  };
}

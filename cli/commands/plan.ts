/**
 * `mmm plan verify|show|diff|migrate|report|inputs` — plan files without the app, through the same
 * opener the app uses (models/plan). Each subcommand is a straight pipeline: arguments → open →
 * summarise, diff or render → print or write atomically. Exit codes: 0 done (verify: the plan is
 * valid), 1 a plan refused or a file not written (the reason on stderr, one line), 2 bad flags.
 */
import { basename } from 'node:path';
import { writeFileAtomically } from '../../electron/atomicWrite';
import {
  diffPlans,
  diffText,
  inputsDateColumn,
  liftTestsCsv,
  nextRevision,
  planReportHtml,
  planSummary,
  reproduceCommands,
  summaryText,
  verifyLine,
  weeklyInputsCsv,
  type OpenedPlan,
} from '../../models/plan';
import { UsageError } from '../commandLine';
import { PLAN_USAGE, parsePlanArguments, type PlanArguments } from '../plan/arguments';
import { CLI_WRITER, readPlanFile, writePlanFile } from '../plan/planFiles';

interface Output {
  write(text: string): boolean;
}

export interface PlanCommandDependencies {
  readonly stdout?: Output;
  readonly stderr?: Output;
}

class PlanRefused extends Error {}

async function open(path: string): Promise<OpenedPlan> {
  const result = await readPlanFile(path);
  if (!result.ok) throw new PlanRefused(result.message);
  return result;
}

function noticeLines(path: string, plan: OpenedPlan): string[] {
  return plan.notices.map((notice) => `${basename(path)}: ${notice}`);
}

async function execute(args: PlanArguments, stdout: Output, stderr: Output): Promise<void> {
  const [first, second] = args.files;
  const plan = await open(first);
  const notify = (lines: string[]) => lines.forEach((line) => stderr.write(`note: ${line}\n`));
  notify(noticeLines(first, plan));
  switch (args.subcommand) {
    case 'verify':
      stdout.write(`${first}: ${verifyLine(planSummary(plan.plan))}\n`);
      return;
    case 'show': {
      const summary = planSummary(plan.plan);
      const reproduce = reproduceCommands(plan.plan, basename(first));
      if (args.json) {
        stdout.write(`${JSON.stringify({ ...summary, notes: plan.plan.notes, reproduce })}\n`);
        return;
      }
      const commands = [
        ...(reproduce.fromData ? ['from the data file:', `  ${reproduce.fromData}`] : []),
        ...(reproduce.fromPlan
          ? ['from this plan alone:', ...reproduce.fromPlan.map((line) => `  ${line}`)]
          : []),
        ...reproduce.caveats.map((caveat) => `caveat: ${caveat}`),
      ];
      stdout.write(
        [
          summaryText(summary),
          ...(plan.plan.notes ? ['', 'notes:', plan.plan.notes] : []),
          ...(commands.length > 0 ? ['', 'regenerate the draws:', ...commands] : []),
        ].join('\n') + '\n',
      );
      return;
    }
    case 'diff': {
      const other = await open(second);
      notify(noticeLines(second, other));
      const diff = diffPlans(plan.plan, other.plan);
      stdout.write(args.json ? `${JSON.stringify(diff)}\n` : `${diffText(diff)}\n`);
      return;
    }
    case 'migrate': {
      const saved = nextRevision(plan, plan.plan, { writtenBy: CLI_WRITER });
      await writePlanFile(args.out!, saved);
      stdout.write(`${args.out}: plan '${saved.plan.title}' written in the current format\n`);
      return;
    }
    case 'report':
      await writeFileAtomically(args.out!, planReportHtml(plan.plan), { keepBackup: true });
      stdout.write(`${args.out}: one-page report of '${plan.plan.title}'\n`);
      return;
    case 'inputs': {
      const report = plan.plan.fit;
      if (report.inputs === null)
        throw new PlanRefused(`${first}: its fit has no weekly inputs (an older fit result)`);
      await writeFileAtomically(args.out!, weeklyInputsCsv(report, inputsDateColumn(report)), {
        keepBackup: true,
      });
      if (args.liftTestsOut)
        await writeFileAtomically(args.liftTestsOut, liftTestsCsv(report.inputs), {
          keepBackup: true,
        });
      stdout.write(`${args.out}: ${report.inputs.dates.length} weeks of ${report.data.kpiName}\n`);
      return;
    }
  }
}

export async function run(
  argv: string[],
  dependencies: PlanCommandDependencies = {},
): Promise<number> {
  const stdout = dependencies.stdout ?? process.stdout;
  const stderr = dependencies.stderr ?? process.stderr;
  let args: PlanArguments | null;
  try {
    args = parsePlanArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`mmm plan: ${error.message} (mmm plan --help for the subcommands)\n`);
    return 2;
  }
  if (args === null) {
    stdout.write(`${PLAN_USAGE}\n`);
    return 0;
  }
  try {
    await execute(args, stdout, stderr);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`mmm plan ${args.subcommand}: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

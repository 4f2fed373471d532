/**
 * The argument list each invoke channel accepts, as zod tuples over the contract's schemas, and
 * the parse that turns a bad list into an `invalid-payload` error naming the argument at fault.
 */
import { z } from 'zod';

import { IPC, schemas } from './contract';
import { ShellError } from './shellError';

const noArguments = z.tuple([]);

export const ipcPayloads = {
  [IPC.appInfo]: noArguments,
  [IPC.openDataFiles]: noArguments,
  [IPC.openDroppedFiles]: z.tuple([schemas.droppedPaths]),
  [IPC.recentFiles]: noArguments,
  [IPC.openRecent]: z.tuple([schemas.recentId]),
  [IPC.openPlan]: noArguments,
  [IPC.savePlan]: z.tuple([schemas.savePlan]),
  [IPC.openFitResult]: noArguments,
  [IPC.loadSession]: noArguments,
  [IPC.saveSessionEntry]: z.tuple([schemas.sessionKey, schemas.sessionText]),
  [IPC.saveReport]: z.tuple([schemas.saveReport]),
} as const;

export type InvokeChannel = keyof typeof ipcPayloads;

export function parsePayload<Schema extends z.ZodType>(
  channel: string,
  schema: Schema,
  args: unknown[],
): z.infer<Schema> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.path.length === 0 && (issue.code === 'too_big' || issue.code === 'too_small')
      ? `arguments: expected ${describeArity(issue)}, received ${args.length}`
      : `${describePath(issue.path)}: ${issue.message}`,
  );
  throw new ShellError('invalid-payload', `Invalid request to ${channel}: ${problems.join('; ')}.`);
}

function describeArity(
  issue:
    { code: 'too_big'; maximum: number | bigint } | { code: 'too_small'; minimum: number | bigint },
): string {
  return issue.code === 'too_big' ? `at most ${issue.maximum}` : `at least ${issue.minimum}`;
}

/** [] → "arguments", [0, 'suggestedName'] → "argument 1 › suggestedName". */
function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'arguments';
  const [first, ...rest] = path;
  const head = typeof first === 'number' ? `argument ${first + 1}` : String(first);
  return [head, ...rest.map((part) => String(part))].join(' › ');
}

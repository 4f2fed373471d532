/**
 * Plan files on disk for the CLI (and `mmm batch`): reading one through the shared opener
 * (models/plan/openPlan.ts) with its size checked first, and writing one atomically with the
 * replaced file kept as `.bak` (electron/atomicWrite.ts). Writing never silently replaces another
 * plan: a target holding a plan that is neither this one nor its parent is refused.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { writeFileAtomically } from '../../electron/atomicWrite';
import {
  buildPlan,
  openPlanText,
  PLAN_LIMITS,
  type OpenPlanOptions,
  type OpenPlanResult,
  type PlanContent,
  type SavedPlan,
  type Writer,
} from '../../models/plan';
import packageJson from '../../package.json';

/** What the CLI writes into `writtenBy`. */
export const CLI_WRITER: Writer = { app: 'MMM Workbench (mmm CLI)', version: packageJson.version };

function readProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: no such file`;
  if (code === 'EISDIR') return `${path}: it is a folder`;
  if (code === 'EACCES') return `${path}: permission denied`;
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}

/** Opens the plan at `path`; a refusal's message names the file. */
export async function readPlanFile(
  path: string,
  options: OpenPlanOptions = {},
): Promise<OpenPlanResult> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    if (info.size > PLAN_LIMITS.maxBytes)
      return {
        ok: false,
        problem: 'unreadable',
        message: `${path}: the file is ${(info.size / 1024 / 1024).toFixed(1)} MB, larger than the ${PLAN_LIMITS.maxBytes / 1024 / 1024} MB a plan may be`,
      };
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: 'unreadable', message: readProblem(path, error) };
  }
  const result = openPlanText(text, options);
  return result.ok ? result : { ...result, message: `${path}: ${result.message}` };
}

export class PlanWriteError extends Error {
  override readonly name = 'PlanWriteError';
}

/** Whether the file at `path` holds a plan that `saved` does not descend from (or is). */
async function holdsAnotherPlan(path: string, saved: SavedPlan): Promise<string | null> {
  try {
    await stat(path);
  } catch {
    return null;
  }
  const existing = await readPlanFile(path, { allowTampered: true });
  if (!existing.ok) return null;
  const { planId, title } = existing.plan;
  return planId === saved.plan.planId || saved.plan.parentIds.includes(planId)
    ? null
    : `${basename(path)} holds another plan ('${title}', ${planId}): choose another name (nothing was written)`;
}

/** Writes `saved` to `path` atomically, keeping any replaced file as `<path>.bak`. */
export async function writePlanFile(path: string, saved: SavedPlan): Promise<void> {
  const other = await holdsAnotherPlan(path, saved);
  if (other) throw new PlanWriteError(other);
  await writeFileAtomically(path, saved.text, { keepBackup: true });
}

/** Builds a first plan (no parents) and writes it: the API `mmm fit --out` and `mmm batch` use. */
export async function buildPlanFile(path: string, content: PlanContent): Promise<SavedPlan> {
  const saved = buildPlan(content, { writtenBy: CLI_WRITER });
  await writePlanFile(path, saved);
  return saved;
}

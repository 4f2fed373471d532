/**
 * Reads a small JSON settings file of `mmm fit` (mapping.json, priors.json) within limits
 * (models/io/safeJson) and checks it with its zod schema; every failure is one sentence naming the
 * file and, for the schema, the first field at fault.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { parseJsonWithLimits } from '../../models/io/safeJson';
import { firstIssue } from '../../models/report';

export async function readJsonFile<Schema extends z.ZodType>(
  path: string,
  what: string,
  schema: Schema,
): Promise<z.output<Schema>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read the ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = parseJsonWithLimits(text, { maxBytes: 16 * 1024 ** 2 }).value;
  } catch (error) {
    throw new Error(
      `the ${what} ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new Error(`the ${what} ${path} is not a ${what} file (${firstIssue(parsed.error)})`);
  return parsed.data;
}

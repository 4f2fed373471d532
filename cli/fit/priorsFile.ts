/**
 * Reads `mmm fit --priors priors.json` (models/mmm/priorsFile.ts, the file the Model task saves):
 * JSON within limits, the schema, then every prior checked against the fitted channels and the
 * chosen adstock and saturation. Errors name the file and the field.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseJsonWithLimits } from '../../models/io/safeJson';
import type { AdstockKind, ChannelPriorOverrides, SaturationKind } from '../../models/mmm';
import { channelOverridesOf, PriorsFileSchema } from '../../models/mmm/priorsFile';
import { firstIssue } from '../../models/report';

export async function readPriors(
  path: string,
  options: {
    readonly channels: readonly string[];
    readonly adstock: AdstockKind;
    readonly saturation: SaturationKind;
  },
): Promise<Record<string, ChannelPriorOverrides>> {
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read the priors ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = parseJsonWithLimits(text, { maxBytes: 4 * 1024 ** 2 }).value;
  } catch (error) {
    throw new Error(
      `${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = PriorsFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${name}: not a priors file (${firstIssue(parsed.error)})`);
  return channelOverridesOf(parsed.data, { ...options, where: name });
}

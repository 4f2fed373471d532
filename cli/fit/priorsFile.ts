/**
 * Reads `mmm fit --priors priors.json` (models/mmm/priorsFile.ts, the file the Model task saves):
 * JSON within limits, the schema, then every prior checked against the fitted channels and the
 * chosen adstock and saturation. Errors name the file and the field.
 */
import { basename } from 'node:path';
import type { AdstockKind, ChannelPriorOverrides, SaturationKind } from '../../models/mmm';
import { channelOverridesOf, PriorsFileSchema } from '../../models/mmm/priorsFile';
import { readJsonFile } from './readJsonFile';

export async function readPriors(
  path: string,
  options: {
    readonly channels: readonly string[];
    readonly adstock: AdstockKind;
    readonly saturation: SaturationKind;
  },
): Promise<Record<string, ChannelPriorOverrides>> {
  const file = await readJsonFile(path, 'priors', PriorsFileSchema);
  return channelOverridesOf(file, { ...options, where: basename(path) });
}

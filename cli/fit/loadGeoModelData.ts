/**
 * `mmm fit --geo <col> [--population <col>]`: the same import, mapping and validation as the
 * national path (loadModelData.ts), but the frame keeps one row per week and geo, and becomes the
 * geo model's data (models/data/geoSeries.ts). A single file has a geo column for every row, so no
 * channel is national-only here.
 */
import { geoSeries } from '../../models/data/geoSeries';
import type { InputFile, SqlConnection } from '../../models/data/index';
import type { GeoMmmData } from '../../models/mmm/geoTypes';
import type { FitArguments } from './arguments';
import { loadFrame } from './loadModelData';

export interface LoadedGeoModelData {
  readonly data: GeoMmmData;
  readonly fileName: string;
  readonly rows: number;
  readonly columns: readonly string[];
}

export async function loadGeoModelData(
  conn: SqlConnection,
  file: InputFile,
  args: FitArguments & { readonly geo: string },
): Promise<LoadedGeoModelData> {
  const { imported, frame } = await loadFrame(conn, file, args);
  let data: GeoMmmData;
  try {
    data = geoSeries(frame, {
      channels: args.channels,
      controls: args.controls,
      population: args.population,
      nationalChannels: [],
    });
  } catch (error) {
    throw new Error(`${imported.name} (--geo ${args.geo}): ${(error as Error).message}`);
  }
  return {
    data,
    fileName: imported.name,
    rows: imported.rows,
    columns: imported.columns.map((column) => column.name),
  };
}

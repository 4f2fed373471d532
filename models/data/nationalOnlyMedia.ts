/**
 * National-only media in geo data: a channel whose spend comes only from files without a geo
 * column (national TV bought nationally, exported apart), while other files are by geo. The frame
 * then repeats the national spend in every geo row; the geo model instead allocates it to geos by
 * population share (models/mmm/geoDesign.ts), and validation says so, so nobody reads the
 * repeated value as G times the spend.
 */
import type { Mapping, ModelFrame, ValidationProblem } from './types';
import type { WeeklySource } from './weeklySources';

/** Channels whose spend metrics all come from sources without a geo column, in geo data. */
function nationalOnlyOfSources(sources: readonly WeeklySource[]): Map<string, string[]> {
  const byGeo = new Set<string>();
  const national = new Map<string, string[]>();
  if (!sources.some((source) => source.geoColumn !== null)) return national;
  for (const source of sources)
    for (const metric of source.metrics) {
      if (metric.role !== 'spend') continue;
      if (source.geoColumn !== null) byGeo.add(metric.name);
      else national.set(metric.name, [...(national.get(metric.name) ?? []), source.file.name]);
    }
  for (const name of byGeo) national.delete(name);
  return national;
}

/** The validation rule: one warning per national-only channel, naming its file(s). */
export function nationalOnlyMediaProblems(sources: readonly WeeklySource[]): ValidationProblem[] {
  return [...nationalOnlyOfSources(sources)].map(([channel, files]) => ({
    severity: 'warning',
    code: 'national-only-media',
    file: files[0],
    message: `channel ${channel} has national spend only (${files.join(', ')} ${files.length > 1 ? 'have' : 'has'} no geo column): fitted by geo, its spend is allocated to geos by population share`,
  }));
}

/**
 * The national-only channels of a geo frame: possible only when some mapped file has no geo
 * column, and then exactly the channels whose spend the frame repeats in every geo, week by week
 * (what joining a national file onto geo rows gives).
 */
export function nationalOnlyChannels(frame: ModelFrame, mapping: Mapping): string[] {
  if (!frame.geos || !frame.geoIndex || frame.geos.length < 2) return [];
  const used = mapping.columns.filter((entry) => entry.role !== 'ignore');
  const geoFiles = new Set(used.filter((e) => e.role === 'geo').map((e) => e.file));
  const mediaFiles = new Set(used.filter((e) => e.role === 'spend').map((e) => e.file));
  if (![...mediaFiles].some((file) => !geoFiles.has(file))) return [];
  return frame.channels.filter((_, c) => {
    const spend = frame.spend[c];
    const first = new Map<string, number>();
    for (let row = 0; row < spend.length; row++) {
      const seen = first.get(frame.weeks[row]);
      if (seen === undefined) first.set(frame.weeks[row], spend[row]);
      else if (seen !== spend[row]) return false;
    }
    return true;
  });
}

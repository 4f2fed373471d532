/**
 * The validation report: mapping problems (missing date, KPI or channels; columns the mapping names
 * that do not exist), personal data, row-level problems named by file, row and column, and weekly
 * series problems named by date. `usable` is true when no problem is an error.
 */
import { nationalOnlyMediaProblems } from './nationalOnlyMedia';
import { rowProblems } from './rowProblems';
import {
  flatChannels,
  kpiOutliers,
  lengthProblems,
  missingWeeks,
  overlapProblems,
  weekRanges,
} from './seriesProblems';
import { admitted, weeklySourcesOf, type WeeklySource } from './weeklySources';
import type {
  ColumnMapping,
  ColumnProfile,
  ImportedFile,
  Mapping,
  SqlConnection,
  ValidationProblem,
  ValidationReport,
} from './types';

/** File name used for problems of the mapping as a whole. */
export const mappingFile = '(mapping)';

function mappingProblems(files: readonly ImportedFile[], mapping: Mapping): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const error = (file: string, message: string, column?: string): ValidationProblem => ({
    severity: 'error',
    code: 'unmapped',
    file,
    ...(column ? { column } : {}),
    message,
  });
  for (const entry of mapping.columns) {
    const file = files.find((candidate) => candidate.name === entry.file);
    if (!file)
      problems.push(
        error(
          entry.file,
          `the mapping names file ${entry.file}, which is not loaded`,
          entry.column,
        ),
      );
    else if (!file.columns.some((column) => column.name === entry.column))
      problems.push(
        error(
          entry.file,
          `the mapping names column ${entry.column}, which the file does not have`,
          entry.column,
        ),
      );
  }
  const used = mapping.columns.filter((entry) => entry.role !== 'ignore');
  const kpis = used.filter((entry) => entry.role === 'kpi');
  if (kpis.length === 0) problems.push(error(mappingFile, 'no column is mapped to the KPI'));
  if (kpis.length > 1)
    problems.push(
      error(
        mappingFile,
        `${kpis.length} columns are mapped to the KPI (${kpis.map((entry) => `${entry.file}:${entry.column}`).join(', ')}); map exactly one`,
      ),
    );
  if (!used.some((entry) => entry.role === 'spend'))
    problems.push(error(mappingFile, 'no column is mapped to spend'));
  const populations = used.filter((entry) => entry.role === 'population');
  if (populations.length > 1)
    problems.push(
      error(
        mappingFile,
        `${populations.length} columns are mapped to population (${populations.map((entry) => `${entry.file}:${entry.column}`).join(', ')}); map one`,
      ),
    );
  for (const file of files) {
    const roles = used.filter((entry) => entry.file === file.name);
    const dates = roles.filter((entry) => entry.role === 'date');
    if (roles.length > 0 && dates.length === 0)
      problems.push(error(file.name, 'no column is mapped to the date'));
    if (dates.length > 1)
      problems.push(error(file.name, `${dates.length} columns are mapped to the date; map one`));
    const multipliers = roles.filter((entry) => entry.role === 'revenue-per-kpi');
    if (multipliers.length > 1)
      problems.push(
        error(file.name, `${multipliers.length} columns are mapped to revenue per KPI; map one`),
      );
    if (multipliers.length > 0 && !roles.some((entry) => entry.role === 'kpi'))
      problems.push(
        error(
          file.name,
          `${multipliers[0].column} is mapped to revenue per KPI, but the KPI it multiplies is not a column of this file`,
          multipliers[0].column,
        ),
      );
    const hasChannel = roles.some((entry) => entry.role === 'channel');
    const bareMedia = roles.filter(
      (entry) => ['spend', 'impressions', 'clicks'].includes(entry.role) && !entry.channel,
    );
    if (!hasChannel && bareMedia.length > 0) {
      for (const entry of bareMedia)
        problems.push({
          severity: 'info',
          code: 'unmapped',
          file: file.name,
          column: entry.column,
          message: `no channel column: ${entry.column} is used as channel ${entry.column}`,
        });
    }
  }
  return problems;
}

/** Why a column was flagged, as its problem says. */
const personalDataReasons: Record<NonNullable<ColumnProfile['personalData']>, string> = {
  email: 'its values are e-mail addresses',
  phone: 'its values are phone numbers',
  'user-id': 'its values identify people or devices, about one per row',
};

function personalDataProblems(
  files: readonly ImportedFile[],
  mapping: Mapping,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const file of files) {
    for (const column of file.columns) {
      const kind = column.personalData;
      if (!kind) continue;
      const entry = mapping.columns.find(
        (candidate) => candidate.file === file.name && candidate.column === column.name,
      );
      const kept = entry?.keepPersonalData === true;
      const why = `looks like personal data (${personalDataReasons[kind]})`;
      problems.push({
        severity: kept ? 'info' : 'warning',
        code: 'personal-data',
        file: file.name,
        column: column.name,
        message: !kept
          ? `${why}; it is left out of the model frame (to use it: tick 'keep anyway' in the mapping, or give the CLI --keep-personal ${column.name})`
          : entry.role === 'ignore'
            ? `${why}; kept as the mapping asks, but no role uses it`
            : `${why}; kept in the model frame as the mapping asks`,
      });
    }
  }
  return problems;
}

function unusedColumns(files: readonly ImportedFile[], mapping: Mapping): ValidationProblem[] {
  return files.flatMap((file) =>
    file.columns
      .filter(
        (column) =>
          column.personalData === null &&
          !mapping.columns.some(
            (entry) =>
              entry.file === file.name && entry.column === column.name && entry.role !== 'ignore',
          ),
      )
      .map((column): ValidationProblem => ({
        severity: 'info',
        code: 'unmapped',
        file: file.name,
        column: column.name,
        message: 'not used by the model',
      })),
  );
}

export async function validate(
  conn: SqlConnection,
  files: readonly ImportedFile[],
  mapping: Mapping,
  /** The mapping's weekly sources when already built (`weeklySourcesOf`), else built here. */
  prepared?: readonly WeeklySource[],
): Promise<ValidationReport> {
  const problems: ValidationProblem[] = [
    ...mappingProblems(files, mapping),
    ...personalDataProblems(files, mapping),
  ];
  for (const file of files) {
    const mapped = mapping.columns
      .filter((entry) => entry.file === file.name && entry.role !== 'ignore')
      .map((entry) => ({
        entry,
        column: file.columns.find((column) => column.name === entry.column),
      }))
      .filter(
        (item): item is { entry: ColumnMapping; column: ColumnProfile } =>
          item.column !== undefined && admitted(item.column, item.entry),
      );
    problems.push(...(await rowProblems(conn, file, mapped)));
  }
  const sources = prepared ?? (await weeklySourcesOf(conn, files, mapping));
  for (const source of sources) {
    problems.push(...(await missingWeeks(conn, source)));
    problems.push(...(await flatChannels(conn, source)));
    problems.push(...(await kpiOutliers(conn, source)));
  }
  const ranges = await weekRanges(conn, sources);
  problems.push(...overlapProblems(ranges), ...lengthProblems(ranges));
  problems.push(...nationalOnlyMediaProblems(sources));
  problems.push(...unusedColumns(files, mapping));
  return { problems, usable: !problems.some((problem) => problem.severity === 'error') };
}

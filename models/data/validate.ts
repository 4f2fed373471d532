/**
 * The validation report: mapping problems (missing date, KPI or channels; columns the mapping names
 * that do not exist), personal data, row-level problems named by file, row and column, and weekly
 * series problems named by date. `usable` is true when no problem is an error.
 */
import { nationalOnlyMediaProblems } from './nationalOnlyMedia';
import { personalDataByName } from './personalData';
import { rowProblems } from './rowProblems';
import { flatChannels, kpiOutliers, missingWeeks, overlapProblems } from './seriesProblems';
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
  for (const file of files) {
    const roles = used.filter((entry) => entry.file === file.name);
    const dates = roles.filter((entry) => entry.role === 'date');
    if (roles.length > 0 && dates.length === 0)
      problems.push(error(file.name, 'no column is mapped to the date'));
    if (dates.length > 1)
      problems.push(error(file.name, `${dates.length} columns are mapped to the date; map one`));
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

function personalDataProblems(
  files: readonly ImportedFile[],
  mapping: Mapping,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const file of files) {
    for (const column of file.columns) {
      const kind = column.personalData ?? personalDataByName(column.name);
      if (!kind) continue;
      const entry = mapping.columns.find(
        (candidate) => candidate.file === file.name && candidate.column === column.name,
      );
      const kept = entry?.keepPersonalData === true && entry.role !== 'ignore';
      problems.push({
        severity: kept ? 'info' : 'warning',
        code: 'personal-data',
        file: file.name,
        column: column.name,
        message: kept
          ? `looks like personal data (${kind}); kept in the model frame as the mapping asks`
          : `looks like personal data (${kind}); it is left out of the model frame`,
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
  problems.push(...(await overlapProblems(conn, sources)));
  problems.push(...nationalOnlyMediaProblems(sources));
  problems.push(...unusedColumns(files, mapping));
  return { problems, usable: !problems.some((problem) => problem.severity === 'error') };
}

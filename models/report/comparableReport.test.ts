import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparableReport } from './comparableReport';
import { parseFitReport } from './parseFitReport';
import type { FitReport } from './fitReportSchema';

function fixture(): FitReport {
  const parsed = parseFitReport(
    readFileSync(join(__dirname, 'fixtures/fit-result.v2.json'), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.report;
}

describe('comparableReport', () => {
  it('sets aside when and how fast, and nothing the fit computed', () => {
    const report = fixture();
    const later: FitReport = {
      ...report,
      createdAt: '2030-01-01T00:00:00.000Z',
      timing: { ...report.timing, totalSeconds: report.timing.totalSeconds + 9 },
      diagnostics: {
        ...report.diagnostics,
        chains: report.diagnostics.chains.map((c) => ({ ...c, samplingSeconds: 99 })),
      },
    };
    expect(comparableReport(later)).toEqual(comparableReport(report));

    const otherDraw = structuredClone(report);
    otherDraw.draws.values[0][0] += 1e-12;
    expect(comparableReport(otherDraw)).not.toEqual(comparableReport(report));

    const otherFile: FitReport = {
      ...report,
      data: { ...report.data, files: [], source: 'elsewhere.csv' },
    };
    expect(comparableReport(otherFile)).not.toEqual(comparableReport(report));
    expect(comparableReport(otherFile, { ignoreInputFiles: true })).toEqual(
      comparableReport(report, { ignoreInputFiles: true }),
    );
  });
});

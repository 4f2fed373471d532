/**
 * A fit report with what legitimately differs between two runs of the same fit set aside: when it
 * was written and how long each step took (timing, per-chain seconds). Everything else — spec,
 * sampler, data fingerprint, diagnostics, every summary and every draw — must be equal, so
 * `expect(comparableReport(a)).toEqual(comparableReport(b))` checks that two runs are one fit
 * (app ≡ mmm fit ≡ an mmm batch job). `ignoreInputFiles` also sets aside the input-file list and
 * source name, which the app fills from its own imports (renderer/fit/fitParity.test.ts).
 */
import type { FitReport } from './fitReportSchema';

export function comparableReport(
  report: FitReport,
  options: { readonly ignoreInputFiles?: boolean } = {},
): unknown {
  return {
    ...report,
    createdAt: null,
    timing: null,
    data: options.ignoreInputFiles ? { ...report.data, files: null, source: null } : report.data,
    diagnostics: {
      ...report.diagnostics,
      chains: report.diagnostics.chains.map((chain) => ({
        ...chain,
        warmupSeconds: 0,
        samplingSeconds: 0,
      })),
    },
  };
}

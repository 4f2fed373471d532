/** What `mmm dml` prints: one JSON object (`--json`) or a plain-text table. */
import type { DmlResult } from '../../models/causal';
import type { LoadedData } from './loadDmlColumns';

export function jsonReport(result: DmlResult, loaded: LoadedData): object {
  return {
    estimates: result.estimates.map((e) => ({
      treatment: e.treatment,
      theta: e.theta,
      se: e.se,
      seHac: e.seHac,
      lo: e.lo,
      hi: e.hi,
      pValue: e.pValue,
      hacLag: e.hacLag,
    })),
    nuisance: Object.fromEntries(
      result.nuisance.map((n) => [
        n.treatment,
        { outcomeRmse: n.outcomeRmse, treatmentRmse: n.treatmentRmse },
      ]),
    ),
    joint: result.joint,
    simultaneous: result.bootstrap
      ? {
          ...result.bootstrap,
          intervals: result.estimates.map((e) => ({
            treatment: e.treatment,
            lo: e.simultaneousLo,
            hi: e.simultaneousHi,
          })),
        }
      : null,
    sensitivity: result.sensitivity,
    settings: {
      ...result.settings,
      standardError: result.estimates[0].standardError,
      controls: loaded.controlNames,
      date: loaded.dateColumn,
    },
    timing: result.timing,
  };
}

function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e4 || (Math.abs(value) < 1e-3 && value !== 0)
    ? value.toExponential(3)
    : value.toFixed(4);
}

export function textReport(result: DmlResult, loaded: LoadedData): string {
  const s = result.settings;
  const lines = [
    `double ML (PLR, ${s.score}) — ${s.observations} rows, learner ${s.learner}, ${s.folds} folds (${s.foldScheme}${s.gap ? `, gap ${s.gap}` : ''}), ${s.repetitions} split(s), seed ${s.seed}`,
    `controls: ${loaded.controlNames.length ? loaded.controlNames.join(', ') : '(none)'}`,
    '',
    `${'treatment'.padEnd(16)}${'theta'.padStart(12)}${'se iid'.padStart(12)}${'se HAC'.padStart(12)}${'lag'.padStart(5)}${`${Math.round(s.level * 100)}% CI (${result.estimates[0].standardError})`.padStart(28)}${'p'.padStart(11)}`,
  ];
  for (const e of result.estimates) {
    lines.push(
      `${e.treatment.padEnd(16)}${formatNumber(e.theta).padStart(12)}${formatNumber(e.se).padStart(12)}${formatNumber(e.seHac).padStart(12)}${String(e.hacLag).padStart(5)}${`[${formatNumber(e.lo)}, ${formatNumber(e.hi)}]`.padStart(28)}${formatNumber(e.pValue).padStart(11)}`,
    );
  }
  if (result.joint) {
    lines.push('', 'joint (all treatments partialled out on the controls together):');
    for (const e of result.joint.estimates) {
      lines.push(
        `${e.treatment.padEnd(16)}${formatNumber(e.theta).padStart(12)}${formatNumber(e.se).padStart(12)}${formatNumber(e.seHac).padStart(12)}${''.padStart(5)}${`[${formatNumber(e.lo)}, ${formatNumber(e.hi)}]`.padStart(28)}${formatNumber(e.pValue).padStart(11)}${e.disagrees ? '  ⚠ disagrees with the single estimate' : ''}`,
      );
    }
  }
  if (result.bootstrap) {
    lines.push(
      '',
      `simultaneous ${Math.round(s.level * 100)}% CIs (multiplier bootstrap, ${result.bootstrap.draws} draws, critical value ${formatNumber(result.bootstrap.criticalValue)}):`,
    );
    for (const e of result.estimates)
      lines.push(
        `${e.treatment.padEnd(16)}[${formatNumber(e.simultaneousLo)}, ${formatNumber(e.simultaneousHi)}]`,
      );
  }
  if (result.sensitivity) {
    const p = result.sensitivity[0].parameters;
    lines.push(
      '',
      `sensitivity (cf_y ${p.cfY}, cf_d ${p.cfD}, rho ${p.rho}): theta bounds, CI bounds, RV, RVa`,
    );
    for (const e of result.sensitivity) {
      lines.push(
        `${e.treatment.padEnd(16)}[${formatNumber(e.thetaLower)}, ${formatNumber(e.thetaUpper)}]  [${formatNumber(e.ciLower)}, ${formatNumber(e.ciUpper)}]  ${(100 * e.robustnessValue).toFixed(2)}%  ${(100 * e.robustnessValueAdjusted).toFixed(2)}%`,
      );
    }
  }
  lines.push('', 'out-of-fold RMSE (mean over folds and splits): outcome ℓ̂, treatment m̂');
  for (const n of result.nuisance) {
    const avg = (rows: number[][]): number =>
      rows.flat().reduce((a, b) => a + b, 0) / rows.flat().length;
    lines.push(
      `${n.treatment.padEnd(16)}${formatNumber(avg(n.outcomeRmse)).padStart(12)}${formatNumber(avg(n.treatmentRmse)).padStart(12)}`,
    );
  }
  lines.push('', `${result.timing.totalSeconds.toFixed(2)} s`);
  return lines.join('\n');
}

/**
 * The one-page report of a plan, for colleagues without the app: a self-contained static HTML
 * page — no scripts, charts as inline SVG (svgCharts.ts), inline CSS that prints on A4 — built as
 * a string from the plan alone. Every text that came from the file (title, author, notes, channel
 * and scenario names, gate reasons, file names) is HTML-escaped; a Content-Security-Policy meta
 * tag forbids scripts and every external load as a second line of defence. Numbers are the plan's
 * own: nothing here is recomputed.
 *
 * Sections: headline, quality gate, ROI table with 90% intervals, response curves, the chosen
 * scenario's allocation against reference and its expected outcome with bands, notes, lineage and
 * provenance.
 */
import escapeHtml from 'escape-html';
import type { Scenario } from '../planning/scenarioSchema';
import type { Interval } from './intervalOverlap';
import { versionText } from './planFormat';
import type { PlanDocument } from './planSchema';
import { intervalText, shortNumber } from './planSummary';
import { allocationSvg, responseCurveSvg } from './svgCharts';
import { REPORT_STYLES } from './reportStyles';

const text = (value: string | number): string => escapeHtml(String(value));

const MAX_REASONS = 8;

/** The scenario the report shows: the chosen one, else the first; null without scenarios. */
export function reportedScenario(plan: PlanDocument): Scenario | null {
  return (
    plan.scenarios.find((scenario) => scenario.id === plan.chosenScenarioId) ??
    plan.scenarios[0] ??
    null
  );
}

function headline(plan: PlanDocument, scenario: Scenario | null): string {
  const kpi = plan.fit.data.kpiName;
  if (scenario) {
    const total = scenario.result.total;
    return `${text(scenario.inputs.name)}: spending ${text(shortNumber(total.spend))} over ${scenario.inputs.horizonWeeks} weeks is expected to add ${text(intervalText(total.incremental))} ${text(kpi)} (mean [90% interval]), a return of ${text(intervalText(total.roi))} per unit of spend.`;
  }
  const spend = plan.fit.channels.reduce((sum, c) => sum + c.spend, 0);
  const contribution = plan.fit.channels.reduce((sum, c) => sum + c.contribution.mean, 0);
  return `Paid media returned ${text(shortNumber(spend > 0 ? contribution / spend : 0))} ${text(kpi)} per unit of spend over ${text(plan.fit.data.firstWeek)} to ${text(plan.fit.data.lastWeek)} (posterior mean). No scenario has been planned yet.`;
}

function gateSection(plan: PlanDocument): string {
  const { gatePassed, gateReasons, rhatMax, essBulkMin, divergences } = plan.fit.diagnostics;
  const reasons = gateReasons.slice(0, MAX_REASONS).map((reason) => `<li>${text(reason)}</li>`);
  if (gateReasons.length > MAX_REASONS)
    reasons.push(`<li>… and ${gateReasons.length - MAX_REASONS} more</li>`);
  const number = (v: number | null, digits: number) => (v === null ? 'n/a' : v.toFixed(digits));
  return `<section class="gate ${gatePassed ? 'passed' : 'failed'}" data-section="gate">
<h2>Quality gate: ${gatePassed ? 'passed' : 'failed'}</h2>
<p>${gatePassed ? 'The sampler converged: the numbers below can be relied on within their intervals.' : 'The fit did not pass its convergence checks: every number below is provisional.'}
Max R-hat ${number(rhatMax, 3)}, min bulk ESS ${number(essBulkMin, 0)}, ${divergences} divergent transitions.</p>
${reasons.length > 0 ? `<ul>${reasons.join('')}</ul>` : ''}
</section>`;
}

function roiTable(plan: PlanDocument): string {
  const rows = plan.fit.channels.map(
    (c) =>
      `<tr><th scope="row">${text(c.name)}</th><td>${text(shortNumber(c.spend))}</td><td>${text(intervalText(c.roi))}</td><td>${text(intervalText(c.mroi))}</td><td>${text(intervalText(c.contribution))}</td></tr>`,
  );
  return `<section data-section="roi"><h2>Return on investment by channel</h2>
<table><thead><tr><th>Channel</th><th>Spend</th><th>ROI [90% HDI]</th><th>Marginal ROI [90% HDI]</th><th>Contribution [90% HDI]</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<p class="small">ROI and contribution over the ${plan.fit.data.trainingWeeks} training weeks, in ${text(plan.fit.data.kpiName)} per unit of spend; marginal ROI is the return of one more percent of spend.</p></section>`;
}

function curvesSection(plan: PlanDocument): string {
  const charts = plan.fit.responseCurves.map((curve) =>
    responseCurveSvg({
      channel: curve.channel,
      spend: curve.spend,
      mean: curve.mean,
      lower: curve.lower,
      upper: curve.upper,
      currentSpend: curve.currentSpend,
    }),
  );
  return `<section data-section="curves"><h2>Response curves</h2>
<p class="small">Incremental ${text(plan.fit.data.kpiName)} against total spend over the training weeks (0 to 2× the current spend): posterior mean and 90% band; the dashed line is the current spend.</p>
<div class="curves">${charts.join('')}</div></section>`;
}

const band = (interval: Interval): string =>
  `<td>${text(shortNumber(interval.mean))}</td><td>${text(shortNumber(interval.lo))} – ${text(shortNumber(interval.hi))}</td>`;

function scenarioSection(plan: PlanDocument, scenario: Scenario | null): string {
  if (!scenario)
    return `<section data-section="scenario"><h2>Scenario</h2><p>No scenario is saved in this plan yet.</p></section>`;
  const { result, inputs } = scenario;
  const chosen = scenario.id === plan.chosenScenarioId;
  const rows = result.channels.map(
    (c) =>
      `<tr><th scope="row">${text(c.channel)}</th><td>${text(shortNumber(c.reference))}</td><td>${text(shortNumber(c.spend))}</td><td>${text(signedPercent(c.spend, c.reference))}</td><td>${text(intervalText(c.incremental))}</td><td>${text(intervalText(c.roi))}</td></tr>`,
  );
  const outcome = (
    [
      ['Incremental ' + plan.fit.data.kpiName, result.total.incremental],
      [`Total ${plan.fit.data.kpiName}`, result.total.kpi],
      ['ROI', result.total.roi],
      ['Marginal ROI', result.total.mroi],
      ['Carry-over into the horizon', result.total.carryIn],
      ['Carry-over past its end', result.total.carryOut],
    ] as const
  ).map(([label, interval]) => `<tr><th scope="row">${text(label)}</th>${band(interval)}</tr>`);
  return `<section data-section="scenario"><h2>${chosen ? 'Chosen scenario' : 'Scenario'}: ${text(inputs.name)}</h2>
<p>${text(objectiveText(scenario))}, over ${inputs.horizonWeeks} weeks; total spend ${text(shortNumber(result.total.spend))} against a reference of ${text(shortNumber(result.total.reference))}.${result.provisional ? ' <strong>Provisional</strong>: built on a fit that failed its quality gate.' : ''}${result.message ? ` ${text(result.message)}` : ''}</p>
${allocationSvg(result.channels.map((c) => ({ channel: c.channel, reference: c.reference, spend: c.spend })))}
<table><thead><tr><th>Channel</th><th>Reference</th><th>Scenario</th><th>Change</th><th>Incremental [90%]</th><th>ROI [90%]</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<h3>Expected outcome</h3>
<table class="outcome"><thead><tr><th></th><th>Mean</th><th>90% interval</th></tr></thead><tbody>${outcome.join('')}</tbody></table></section>`;
}

function signedPercent(value: number, reference: number): string {
  if (reference === 0) return value === 0 ? '0%' : 'new';
  const change = (value / reference - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(0)}%`;
}

function objectiveText(scenario: Scenario): string {
  const objective = scenario.inputs.objective;
  switch (objective.kind) {
    case 'max-kpi':
      return `Most incremental KPI for a budget of ${shortNumber(objective.budget)}`;
    case 'min-spend':
      return `Least spend reaching ${shortNumber(objective.targetKpi)} incremental KPI`;
    case 'target-roi':
      return `Largest budget keeping ROI at least ${objective.targetRoi}`;
    case 'target-mroi':
      return `Every channel spends until its marginal ROI falls to ${objective.targetMroi}`;
    case 'manual':
      return 'An allocation chosen by hand';
  }
}

function lineageSection(plan: PlanDocument): string {
  const { data, spec, sampler } = plan.fit;
  const files = data.files.map(
    (f) =>
      `<li>${text(f.name)}: ${f.size} bytes${f.rows !== null ? `, ${f.rows} rows` : ''}, SHA-256 <code>${text(f.sha256 ?? 'not recorded')}</code></li>`,
  );
  const parents =
    plan.parentIds.length === 0
      ? 'none (a first plan)'
      : plan.parentIds.map((id) => `<code>${text(id)}</code>`).join(', ');
  return `<section data-section="lineage"><h2>Lineage and provenance</h2>
<dl>
<dt>Plan</dt><dd><code>${text(plan.planId)}</code>, revision ${plan.revision}, created ${text(plan.createdAt)} by ${text(plan.author || 'an unnamed author')} with ${text(plan.writtenBy.app)} ${text(plan.writtenBy.version)} (plan format ${versionText(plan.formatVersion)})</dd>
<dt>Revises</dt><dd>${parents}</dd>
<dt>Data</dt><dd>${text(data.kpiName)}, ${data.weeks} weeks from ${text(data.firstWeek)} to ${text(data.lastWeek)}; fingerprint <code>${text(data.fingerprint)}</code>${files.length > 0 ? `<ul>${files.join('')}</ul>` : ''}</dd>
<dt>Model</dt><dd>${text(spec.adstock)} adstock (${spec.maxLag} weeks), ${text(spec.saturation)} saturation, ${text(spec.parametrisation)} parametrisation, ${text(spec.likelihood)} likelihood</dd>
<dt>Sampler</dt><dd>NUTS, ${sampler.chains} chains × (${sampler.warmup} warmup + ${sampler.draws} draws), seed ${sampler.seed}; ${plan.fit.draws.count} draws kept</dd>
<dt>Content hash</dt><dd><code>${text(plan.contentHash)}</code> (SHA-256; open the file with MMM Workbench or <code>mmm plan verify</code> to check it)</dd>
</dl></section>`;
}

export interface HtmlReportOptions {
  /** When the page was made (default: now). */
  readonly generatedAt?: string;
}

export function planReportHtml(plan: PlanDocument, options: HtmlReportOptions = {}): string {
  const scenario = reportedScenario(plan);
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const provisional = plan.fit.diagnostics.gatePassed
    ? ''
    : '<p class="provisional">Provisional: the fit failed its quality gate.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="MMM Workbench">
<title>${text(plan.title)} — MMM plan</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<header>
<p class="kicker">MMM Workbench plan · revision ${plan.revision}</p>
<h1>${text(plan.title)}</h1>
<p class="meta">${text(plan.fit.data.kpiName)} · data ${text(plan.fit.data.firstWeek)} to ${text(plan.fit.data.lastWeek)} · created ${text(plan.createdAt.slice(0, 10))}${plan.author ? ` by ${text(plan.author)}` : ''}</p>
</header>
<section class="headline" data-section="headline">${provisional}<p>${headline(plan, scenario)}</p></section>
${gateSection(plan)}
${roiTable(plan)}
${curvesSection(plan)}
${scenarioSection(plan, scenario)}
${plan.notes ? `<section data-section="notes"><h2>Notes</h2><p class="notes">${text(plan.notes)}</p></section>` : ''}
${lineageSection(plan)}
<footer>Made ${text(generatedAt.slice(0, 10))} from the plan file alone; every number is the plan's own.</footer>
</body>
</html>
`;
}

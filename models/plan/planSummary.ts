/**
 * A plan at a glance — what the Plans list, `mmm plan show` and `mmm plan verify` print: identity
 * and lineage, data window and fingerprint, the gate, ROI per channel, the scenarios. Numbers are
 * formatted in fixed en-US so output and screenshots are stable.
 */
import type { Interval } from './intervalOverlap';
import { versionText } from './planFormat';
import type { PlanDocument } from './planSchema';

const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumSignificantDigits: 3,
});

/** 7372503.9 → "7.37M"; 2.8789 → "2.88". */
export function shortNumber(value: number): string {
  return Math.abs(value) >= 1000 ? compact.format(value) : value.toFixed(2);
}

/** "2.88 [1.78, 3.78]". */
export function intervalText(interval: Interval): string {
  return `${shortNumber(interval.mean)} [${shortNumber(interval.lo)}, ${shortNumber(interval.hi)}]`;
}

export interface PlanSummary {
  readonly planId: string;
  readonly title: string;
  readonly revision: number;
  readonly parentIds: readonly string[];
  readonly createdAt: string;
  readonly writtenBy: string;
  readonly formatVersion: string;
  readonly author: string;
  readonly kpiName: string;
  readonly firstWeek: string;
  readonly lastWeek: string;
  readonly weeks: number;
  readonly fingerprint: string;
  readonly files: readonly { name: string; size: number; sha256: string | null }[];
  readonly gatePassed: boolean;
  readonly gateReasons: readonly string[];
  readonly channels: readonly { name: string; spend: number; roi: Interval; mroi: Interval }[];
  readonly scenarios: readonly {
    id: string;
    name: string;
    objective: string;
    spend: number;
    incremental: Interval;
    chosen: boolean;
  }[];
  readonly contentHash: string;
}

export function planSummary(plan: PlanDocument): PlanSummary {
  const { data, diagnostics } = plan.fit;
  return {
    planId: plan.planId,
    title: plan.title,
    revision: plan.revision,
    parentIds: plan.parentIds,
    createdAt: plan.createdAt,
    writtenBy: `${plan.writtenBy.app} ${plan.writtenBy.version}`,
    formatVersion: versionText(plan.formatVersion),
    author: plan.author,
    kpiName: data.kpiName,
    firstWeek: data.firstWeek,
    lastWeek: data.lastWeek,
    weeks: data.weeks,
    fingerprint: data.fingerprint,
    files: data.files.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
    gatePassed: diagnostics.gatePassed,
    gateReasons: diagnostics.gateReasons,
    channels: plan.fit.channels.map(({ name, spend, roi, mroi }) => ({ name, spend, roi, mroi })),
    scenarios: plan.scenarios.map((scenario) => ({
      id: scenario.id,
      name: scenario.inputs.name,
      objective: scenario.inputs.objective.kind,
      spend: scenario.result.total.spend,
      incremental: scenario.result.total.incremental,
      chosen: scenario.id === plan.chosenScenarioId,
    })),
    contentHash: plan.contentHash,
  };
}

/** Left-aligned first column, the rest right-aligned, two spaces apart. */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '),
  );
}

/** The one line `mmm plan verify` prints for a valid plan. */
export function verifyLine(summary: PlanSummary): string {
  return `valid plan '${summary.title}' (revision ${summary.revision}, format ${summary.formatVersion}, ${summary.scenarios.length} scenario(s), gate ${summary.gatePassed ? 'passed' : 'failed'}): content hash ${summary.contentHash.slice(0, 12)}… verified`;
}

export function summaryText(summary: PlanSummary): string {
  const lines = [
    `${summary.title} — revision ${summary.revision}, created ${summary.createdAt} by ${summary.author || 'unknown'} (${summary.writtenBy}, format ${summary.formatVersion})`,
    `plan ${summary.planId}${summary.parentIds.length > 0 ? `, revises ${summary.parentIds.join(', ')}` : ''}`,
    `data: ${summary.kpiName}, ${summary.weeks} weeks ${summary.firstWeek} … ${summary.lastWeek}, fingerprint ${summary.fingerprint}`,
    ...summary.files.map(
      (file) => `  file ${file.name}: ${file.size} bytes, SHA-256 ${file.sha256 ?? 'not recorded'}`,
    ),
    `quality gate: ${summary.gatePassed ? 'passed' : `FAILED (${summary.gateReasons.length} reason(s); numbers are provisional)`}`,
    '',
    ...textTable([
      ['channel', 'spend', 'ROI [90% HDI]', 'mROI [90% HDI]'],
      ...summary.channels.map((c) => [
        c.name,
        shortNumber(c.spend),
        intervalText(c.roi),
        intervalText(c.mroi),
      ]),
    ]),
    '',
    summary.scenarios.length === 0 ? 'no scenarios' : `${summary.scenarios.length} scenario(s):`,
    ...summary.scenarios.map(
      (s) =>
        `  ${s.chosen ? '* ' : ''}${s.name} (${s.objective}): spend ${shortNumber(s.spend)}, incremental ${intervalText(s.incremental)}`,
    ),
    `content hash ${summary.contentHash}`,
  ];
  return lines.join('\n');
}

/** A plan diff (diff.ts) as readable lines, for `mmm plan diff` without --json. */
import type { PlanDiff, ValueChange } from './diff';
import { intervalText, shortNumber, textTable } from './planSummary';

const value = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? 'none');

function changeLines(title: string, changes: readonly ValueChange[]): string[] {
  if (changes.length === 0) return [`${title}: unchanged`];
  return [
    `${title}:`,
    ...changes.map((c) => `  ${c.path}: ${value(c.before)} → ${value(c.after)}`),
  ];
}

const signed = (v: number | null): string =>
  v === null ? 'n/a' : `${v >= 0 ? '+' : ''}${shortNumber(v)}`;
const percent = (v: number | null): string =>
  v === null ? 'n/a' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;

export function diffText(diff: PlanDiff): string {
  const { data } = diff;
  const list = (label: string, names: readonly string[]): string[] =>
    names.length > 0 ? [`  ${label}: ${names.join(', ')}`] : [];
  const lines = [
    `a: ${diff.a.title} (revision ${diff.a.revision}, ${diff.a.planId})`,
    `b: ${diff.b.title} (revision ${diff.b.revision}, ${diff.b.planId})`,
    `lineage: ${diff.relation}`,
    ...changeLines('text', diff.text),
    ...changeLines('model spec', diff.spec),
    ...changeLines('sampler', diff.sampler),
    `data: fingerprint ${data.fingerprint.changed ? `${data.fingerprint.a} → ${data.fingerprint.b}` : 'unchanged'}; window ${
      data.window.changed
        ? `${data.window.a.firstWeek} … ${data.window.a.lastWeek} (${data.window.a.weeks} weeks) → ${data.window.b.firstWeek} … ${data.window.b.lastWeek} (${data.window.b.weeks} weeks)`
        : 'unchanged'
    }`,
    ...list('files added', data.filesAdded),
    ...list('files removed', data.filesRemoved),
    ...list('files changed', data.filesChanged),
    ...list('channels added', data.channelsAdded),
    ...list('channels removed', data.channelsRemoved),
    ...list('controls added', data.controlsAdded),
    ...list('controls removed', data.controlsRemoved),
    `quality gate: ${diff.gate.a ? 'passed' : 'failed'} → ${diff.gate.b ? 'passed' : 'failed'}`,
    '',
    ...textTable([
      [
        'channel',
        'ROI a',
        'ROI b',
        'ΔROI',
        'overlap',
        'mROI a',
        'mROI b',
        'ΔmROI',
        'curve Δ at ref.',
      ],
      ...diff.channels.map((c) => [
        c.channel,
        intervalText(c.roi.a),
        intervalText(c.roi.b),
        percent(c.roi.relativeChange),
        c.roi.overlap.toFixed(2),
        intervalText(c.mroi.a),
        intervalText(c.mroi.b),
        percent(c.mroi.relativeChange),
        signed(c.curveAtReference?.change ?? null),
      ]),
    ]),
  ];
  for (const scenario of diff.scenarios) {
    lines.push('', `scenario ${JSON.stringify(scenario.name)}: ${scenario.status}`);
    lines.push(
      ...textTable([
        ['channel', 'spend a', 'spend b', 'change'],
        ...scenario.allocation.map((entry) => [
          entry.channel,
          entry.a === null ? '—' : shortNumber(entry.a),
          entry.b === null ? '—' : shortNumber(entry.b),
          signed(entry.change),
        ]),
      ]).map((line) => `  ${line}`),
    );
  }
  return lines.join('\n');
}

/** The one-page report's CSS (htmlReport.ts): readable on screen, one tidy A4 page set in print. */
export const REPORT_STYLES = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6673; --line: #d7dde4; --accent: #2f6fbd; --good: #1f7a4a; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 28px 32px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 26px; margin: 2px 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.kicker, .meta, .small, footer { color: var(--muted); }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 11px; margin: 0; }
.small { font-size: 12px; }
.headline { font-size: 16px; background: #f3f6fa; border-left: 4px solid var(--accent); padding: 8px 14px; margin-top: 16px; }
.provisional { color: var(--bad); font-weight: 600; margin: 0 0 4px; }
.gate.passed h2 { color: var(--good); }
.gate.failed h2 { color: var(--bad); }
.gate ul { columns: 2; font-size: 12px; color: var(--muted); margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin: 6px 0; }
th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; overflow-wrap: anywhere; }
thead th { font-size: 12px; color: var(--muted); font-weight: 600; }
table.outcome { width: auto; min-width: 420px; }
.curves { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 6px 12px; }
.chart { max-width: 100%; height: auto; }
.chart .axis { stroke: #8a96a3; stroke-width: 1; }
.chart .band { fill: #2f6fbd; fill-opacity: 0.18; stroke: none; }
.chart .mean { fill: none; stroke: #2f6fbd; stroke-width: 2; }
.chart .current { stroke: #444; stroke-dasharray: 4 3; }
.chart .reference { fill: #aab4bf; }
.chart .chosen { fill: #2f6fbd; }
.chart text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.chart .chart-title { font-size: 13px; font-weight: 600; fill: var(--ink); }
.chart .end { text-anchor: end; }
.chart .middle { text-anchor: middle; }
.notes { white-space: pre-wrap; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: 130px 1fr; gap: 4px 12px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
dd ul { margin: 4px 0 0; padding-left: 18px; }
code { font: 12px ui-monospace, "SFMono-Regular", Menlo, monospace; overflow-wrap: anywhere; }
footer { margin-top: 24px; font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h1 { font-size: 20px; }
  h2 { font-size: 14px; margin-top: 14px; }
  section { break-inside: avoid; }
  .curves { grid-template-columns: repeat(3, 1fr); }
  .headline { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

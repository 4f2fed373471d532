/** The Results task's charts by data-testid: what the e2e test and bench:fit's Chromium engine wait for. */
export const RESULTS_CHARTS = [
  'fit-chart',
  'decomposition-chart',
  'waterfall-chart',
  'roi-chart',
  'response-curves-chart',
  'adstock-chart',
  'trace-chart',
  'ppc-chart',
] as const;

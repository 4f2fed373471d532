/** What the Chromium bench page (importBench.ts) exposes to bench/importChromium.ts. */
export interface BrowserCaseTiming {
  readonly startSeconds: number;
  readonly warmupSeconds: number;
  readonly importSeconds: number;
  readonly frameSeconds: number;
  readonly seconds: number;
  readonly weeks: number;
  readonly kpiTotal: number;
  readonly spendTotal: number;
}

export interface ImportBenchPage {
  /** Opens the app's engine and runs the warm-up import: seconds of each. */
  prepareImport(): Promise<Pick<BrowserCaseTiming, 'startSeconds' | 'warmupSeconds'>>;
  /** The timed import and weekly frame. */
  timedImport(): Promise<Omit<BrowserCaseTiming, 'startSeconds' | 'warmupSeconds'>>;
}

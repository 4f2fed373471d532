/** What the Chromium bench page (importBench.ts) exposes to bench/importChromium.ts. */
export interface BrowserCaseTiming {
  readonly startSeconds: number;
  readonly warmupSeconds: number;
  readonly importSeconds: number;
  readonly frameSeconds: number;
  readonly seconds: number;
  /** 'framed', or 'error: <the message>' (e.g. a file refused). */
  readonly outcome: string;
  readonly weeks: number;
  readonly kpiTotal: number;
  readonly spendTotal: number;
}

export interface ImportBenchPage {
  /** Opens the app's engine and runs the warm-up import: seconds of each. */
  prepareImport(
    inspect: boolean,
  ): Promise<Pick<BrowserCaseTiming, 'startSeconds' | 'warmupSeconds'>>;
  /** The timed import and weekly frame (`inspect`: validation too, as `mmm inspect`). */
  timedImport(inspect: boolean): Promise<Omit<BrowserCaseTiming, 'startSeconds' | 'warmupSeconds'>>;
}

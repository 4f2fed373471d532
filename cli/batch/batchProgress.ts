/**
 * Progress of `mmm batch` on stderr, one line per job. On a terminal tall enough for every job, the
 * block of lines is redrawn in place (at most every 200 ms): queued, the fit's phase with the share
 * of its chains' iterations done and an ETA, then the outcome. Otherwise (a log file, CI, an
 * orchestrator's task log) each job prints its one line when it ends.
 */
import type { ChainProgress } from '../../models/inference/sampleChain';
import type { JobSummary } from './summary';

interface Stream {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  readonly rows?: number;
}

export interface BatchProgress {
  started(market: string): void;
  progress(market: string, progress: ChainProgress): void;
  finished(row: JobSummary): void;
  /** Draws the final state (terminal). */
  close(): void;
}

/** The outcome of a job in a few words. */
export function outcomeLine(row: JobSummary): string {
  const seconds = row.seconds === null ? '' : ` in ${row.seconds.toFixed(1)} s`;
  switch (row.status) {
    case 'done':
      return `done${seconds}, gate ${row.gate}`;
    case 'skipped':
      return `skipped: ${row.result} already holds this spec and data (gate ${row.gate})`;
    default:
      return `${row.status}: ${row.error}`;
  }
}

/** The running state of a job from its chains' latest progress. */
export function runningLine(chains: ReadonlyMap<number, ChainProgress>): string {
  const all = [...chains.values()];
  if (all.length === 0) return 'reading data';
  const done = all.reduce((sum, p) => sum + p.iteration, 0);
  const total = all.reduce((sum, p) => sum + p.total, 0);
  const phase = all.some((p) => p.phase === 'warmup') ? 'warmup' : 'sampling';
  const eta = Math.max(...all.map((p) => (p.iteration >= p.total ? 0 : p.etaSeconds)));
  return `${phase} ${Math.floor((100 * done) / total)}%${Number.isFinite(eta) ? `, ETA ${Math.ceil(eta)} s` : ''}`;
}

export function createBatchProgress(stream: Stream, markets: readonly string[]): BatchProgress {
  const width = Math.max(...markets.map((market) => market.length));
  const count = markets.length;
  const position = new Map(markets.map((market, index) => [market, index]));
  const label = (market: string): string =>
    `[${(position.get(market) ?? 0) + 1}/${count}] ${market.padEnd(width)}`;

  const live = stream.isTTY === true && count < (stream.rows ?? 24);
  if (!live) {
    return {
      started() {},
      progress() {},
      finished: (row) => void stream.write(`${label(row.market)}  ${outcomeLine(row)}\n`),
      close() {},
    };
  }
  const state = markets.map(() => 'queued');
  const chains = new Map<string, Map<number, ChainProgress>>();
  let drawn = false;
  let lastDraw = 0;
  const draw = (): void => {
    const lines = markets.map((market, index) => `\x1b[2K${label(market)}  ${state[index]}\n`);
    stream.write(`${drawn ? `\x1b[${count}A` : ''}${lines.join('')}`);
    drawn = true;
    lastDraw = Date.now();
  };
  const set = (market: string, text: string, now: boolean): void => {
    state[position.get(market) ?? 0] = text;
    if (now || Date.now() - lastDraw >= 200) draw();
  };
  return {
    started: (market) => set(market, 'reading data', true),
    progress(market, progress) {
      const latest = chains.get(market) ?? new Map<number, ChainProgress>();
      latest.set(progress.chainId, progress);
      chains.set(market, latest);
      set(market, runningLine(latest), false);
    },
    finished: (row) => set(row.market, outcomeLine(row), true),
    close: draw,
  };
}

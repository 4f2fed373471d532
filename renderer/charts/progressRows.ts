/**
 * Rows of the fit progress table, one per chain: phase, iterations done of the total (warmup then
 * sampling), speed and time left, plus the overall fraction done,
 *   overall = Σ_c iteration_c / Σ_c total_c
 * (a chain not yet reporting (queued, or finding its start point) counts as 0 of the fit's iterations per chain).
 * Example: chains at 150/300 and 0/300 → overall 0.25.
 */
import type { ChainProgress } from '../../models/inference/sampleChain';

export interface ProgressRow {
  readonly chain: number;
  readonly phase: 'pending' | 'warmup' | 'sampling' | 'done';
  readonly iteration: number;
  readonly total: number;
  /** e.g. "12.3 it/s"; "—" before the first report. */
  readonly speed: string;
  /** e.g. "1 min 05 s"; "—" when unknown. */
  readonly eta: string;
  readonly fraction: number;
}

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  return `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
}

export function formatSpeed(iterationsPerSecond: number): string {
  if (!Number.isFinite(iterationsPerSecond) || iterationsPerSecond <= 0) return '—';
  return `${iterationsPerSecond >= 100 ? iterationsPerSecond.toFixed(0) : iterationsPerSecond.toFixed(1)} it/s`;
}

export function progressRows(
  progress: readonly (ChainProgress | null)[],
  iterationsPerChain: number,
): ProgressRow[] {
  return progress.map((entry, chain) => {
    if (entry === null) {
      return {
        chain,
        phase: 'pending',
        iteration: 0,
        total: iterationsPerChain,
        speed: '—',
        eta: '—',
        fraction: 0,
      };
    }
    const done = entry.iteration >= entry.total;
    return {
      chain,
      phase: done ? 'done' : entry.phase,
      iteration: entry.iteration,
      total: entry.total,
      speed: formatSpeed(entry.iterationsPerSecond),
      eta: done ? '0 s' : formatEta(entry.etaSeconds),
      fraction: entry.total > 0 ? Math.min(1, entry.iteration / entry.total) : 0,
    };
  });
}

export function overallFraction(rows: readonly ProgressRow[]): number {
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  return total > 0
    ? rows.reduce((sum, row) => sum + Math.min(row.iteration, row.total), 0) / total
    : 0;
}

/**
 * Chain progress on stderr: one line per chain (phase, iteration/total, it/s, ETA). On a terminal
 * the block of lines is redrawn in place (at most every 200 ms); otherwise (a log file, CI) a line
 * is printed when a chain changes phase, passes a quarter of its iterations, or finishes.
 */
import type { ChainProgress } from '../../models/inference/sampleChain';

export interface ProgressDisplay {
  update(progress: ChainProgress): void;
  /** Draws the final state (terminal) and leaves the cursor below the block. */
  finish(): void;
}

interface Stream {
  write(text: string): boolean;
  readonly isTTY?: boolean;
}

export function formatProgress(p: ChainProgress): string {
  const eta = Number.isFinite(p.etaSeconds) ? `${Math.ceil(p.etaSeconds)} s` : '?';
  const rate = Number.isFinite(p.iterationsPerSecond) ? p.iterationsPerSecond.toFixed(0) : '?';
  const done = p.iteration >= p.total;
  return `chain ${p.chainId + 1}: ${done ? 'done    ' : p.phase.padEnd(8)} ${String(p.iteration).padStart(String(p.total).length)}/${p.total}  ${rate.padStart(5)} it/s  ETA ${done ? '0 s' : eta}`;
}

export function createProgressDisplay(stream: Stream, chains: number): ProgressDisplay {
  const latest: (ChainProgress | undefined)[] = new Array(chains).fill(undefined);
  if (stream.isTTY) {
    let drawn = false;
    let lastDraw = 0;
    const draw = (): void => {
      const lines = latest.map((p, c) => (p ? formatProgress(p) : `chain ${c + 1}: starting`));
      stream.write(
        `${drawn ? `\x1b[${chains}A` : ''}${lines.map((line) => `\x1b[2K${line}\n`).join('')}`,
      );
      drawn = true;
      lastDraw = Date.now();
    };
    return {
      update(progress) {
        latest[progress.chainId] = progress;
        if (Date.now() - lastDraw >= 200 || progress.iteration >= progress.total) draw();
      },
      finish: draw,
    };
  }
  const lastQuarter = new Array<number>(chains).fill(-1);
  const lastPhase = new Array<string>(chains).fill('');
  return {
    update(progress) {
      latest[progress.chainId] = progress;
      const quarter = Math.floor((4 * progress.iteration) / progress.total);
      const c = progress.chainId;
      if (quarter !== lastQuarter[c] || progress.phase !== lastPhase[c]) {
        lastQuarter[c] = quarter;
        lastPhase[c] = progress.phase;
        stream.write(`${formatProgress(progress)}\n`);
      }
    },
    finish() {},
  };
}

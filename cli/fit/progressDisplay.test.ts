import { describe, expect, it } from 'vitest';
import type { ChainProgress } from '../../models/inference/sampleChain';
import { createProgressDisplay, formatProgress } from './progressDisplay';

const progress = (
  chainId: number,
  iteration: number,
  phase: ChainProgress['phase'] = 'warmup',
): ChainProgress => ({
  chainId,
  phase,
  iteration,
  total: 200,
  iterationsPerSecond: 50,
  etaSeconds: (200 - iteration) / 50,
});

function sink(isTTY: boolean): { write(text: string): boolean; isTTY: boolean; text: string } {
  const stream = {
    isTTY,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

describe('progress display', () => {
  it('formats phase, iteration, rate and ETA', () => {
    expect(formatProgress(progress(0, 50))).toBe('chain 1: warmup    50/200     50 it/s  ETA 3 s');
    expect(formatProgress(progress(1, 200, 'sampling'))).toBe(
      'chain 2: done     200/200     50 it/s  ETA 0 s',
    );
  });

  it('logs a line per chain at each quarter and phase change when not a terminal', () => {
    const stream = sink(false);
    const display = createProgressDisplay(stream, 2);
    for (const i of [1, 2, 3, 50, 51, 120])
      display.update(progress(0, i, i > 100 ? 'sampling' : 'warmup'));
    display.update(progress(1, 1));
    display.finish();
    expect(
      stream.text
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(0, 20)),
    ).toEqual([
      'chain 1: warmup     ',
      'chain 1: warmup    5',
      'chain 1: sampling 12',
      'chain 2: warmup     ',
    ]);
  });

  it('redraws the block in place on a terminal', () => {
    const stream = sink(true);
    const display = createProgressDisplay(stream, 2);
    display.update(progress(0, 1));
    display.finish();
    expect(stream.text).toContain('\x1b[2Kchain 2: starting\n');
    expect(stream.text).toContain('\x1b[2A');
  });
});

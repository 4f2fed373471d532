import { describe, expect, it } from 'vitest';
import type { ChainProgress } from '../../models/inference/sampleChain';
import { formatEta, formatSpeed, overallFraction, progressRows } from './progressRows';

const report = (
  chainId: number,
  iteration: number,
  total: number,
  phase: ChainProgress['phase'] = 'warmup',
): ChainProgress => ({
  chainId,
  phase,
  iteration,
  total,
  iterationsPerSecond: 20,
  etaSeconds: (total - iteration) / 20,
});

describe('progressRows', () => {
  it('shows waiting chains, running chains and finished chains', () => {
    const rows = progressRows([report(0, 150, 300), null, report(2, 300, 300, 'sampling')], 300);
    expect(rows.map((row) => row.phase)).toEqual(['warmup', 'pending', 'done']);
    expect(rows[0]).toMatchObject({
      chain: 0,
      iteration: 150,
      total: 300,
      speed: '20.0 it/s',
      eta: '8 s',
      fraction: 0.5,
    });
    expect(rows[1]).toMatchObject({ iteration: 0, total: 300, speed: '—', eta: '—' });
    expect(rows[2].eta).toBe('0 s');
  });

  it('overall fraction is iterations done over all iterations', () => {
    expect(overallFraction(progressRows([report(0, 150, 300), null], 300))).toBeCloseTo(0.25, 12);
    expect(overallFraction(progressRows([report(0, 300, 300), report(1, 300, 300)], 300))).toBe(1);
    expect(overallFraction([])).toBe(0);
  });
});

describe('formatEta / formatSpeed', () => {
  it('formats seconds and minutes, and unknowns as a dash', () => {
    expect(formatEta(4.4)).toBe('4 s');
    expect(formatEta(65)).toBe('1 min 05 s');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatEta(Number.NaN)).toBe('—');
    expect(formatSpeed(0)).toBe('—');
    expect(formatSpeed(123.4)).toBe('123 it/s');
    expect(formatSpeed(3.14)).toBe('3.1 it/s');
  });
});

import { describe, expect, it } from 'vitest';
import { qualityGate } from './gate';
import type { ParameterSummary } from './summary';

const good: ParameterSummary = {
  name: 'beta[1]',
  mean: 0,
  sd: 1,
  median: 0,
  q5: -1.6,
  q95: 1.6,
  hdiLower: -1.6,
  hdiUpper: 1.6,
  mcseMean: 0.02,
  mcseQ5: 0.03,
  mcseQ95: 0.03,
  essBulk: 1800,
  essTail: 1500,
  rhat: 1.002,
};
const chains = [
  { chainId: 0, divergences: 0, eBfmi: 0.9 },
  { chainId: 1, divergences: 0, eBfmi: 1.1 },
];

describe('qualityGate', () => {
  it('passes a healthy fit', () => {
    expect(qualityGate({ summaries: [good], chains })).toMatchObject({ passed: true, reasons: [] });
  });

  it('names each failed check with its value', () => {
    const verdict = qualityGate({
      summaries: [
        { ...good, rhat: 1.02 },
        { ...good, name: 'sigma', essBulk: 120.4, essTail: Number.NaN },
      ],
      chains: [
        { chainId: 0, divergences: 3, eBfmi: 0.2 },
        { chainId: 1, divergences: 1, eBfmi: 0.8 },
      ],
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual([
      'beta[1]: R-hat 1.020 > 1.01',
      'sigma: bulk ESS 120 < 400',
      'sigma: tail ESS NaN < 400',
      '4 divergent transitions after warmup (allowed 0)',
      'chain 0: E-BFMI 0.20 < 0.3',
    ]);
  });

  it('takes overridden thresholds and fails NaN R-hat', () => {
    expect(
      qualityGate({ summaries: [{ ...good, essBulk: 150 }], chains }, { minBulkEss: 100 }).passed,
    ).toBe(true);
    expect(qualityGate({ summaries: [{ ...good, rhat: Number.NaN }], chains }).passed).toBe(false);
    expect(
      qualityGate(
        { summaries: [good], chains: [{ chainId: 0, divergences: 2, eBfmi: 1 }] },
        { maxDivergences: 2 },
      ).passed,
    ).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFitReport } from '../report/parseFitReport';
import { hostilePlanCorpus, resealedPlan } from './hostilePlans';
import { openPlanText } from './openPlan';
import { testPlan } from './testPlans';

const fit = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));
if (!fit.ok) throw new Error(fit.message);
const valid = testPlan(fit.report).text;

describe('the hostile corpus', () => {
  it.each(hostilePlanCorpus(valid).map((c) => [c.name, c] as const))(
    '%s: refused in one sentence, quickly',
    (_name, hostile) => {
      const started = performance.now();
      const result = openPlanText(hostile.text);
      const seconds = (performance.now() - started) / 1000;
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toMatch(hostile.refusal);
      expect(result.message).not.toMatch(/\n|\bat \S+ \(|Error:/);
      // A hang guard, measured here; the real cost is milliseconds.
      expect(seconds).toBeLessThan(2);
    },
  );

  it('never honours a prototype key, even in a file hashed without it', () => {
    const sneaky = resealedPlan(valid, (document) => document).replace(
      /^\{/,
      '{"__proto__":{"polluted":true},',
    );
    const result = openPlanText(sneaky);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok && result.notices).toContain(
      '1 prototype key(s) (__proto__, constructor) were ignored',
    );
  });

  it('keeps HTML in notes as the text it is', () => {
    const notes = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const result = openPlanText(testPlan(fit.report, { notes }).text);
    expect(result.ok && result.plan.notes).toBe(notes);
  });
});

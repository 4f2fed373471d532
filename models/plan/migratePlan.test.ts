import { describe, expect, it } from 'vitest';
import { migratePlan, PLAN_MIGRATIONS, PlanVersionError, type PlanMigration } from './migratePlan';
import { PLAN_FORMAT, PLAN_FORMAT_VERSION } from './planFormat';

const at = (major: number, minor: number, extra: Record<string, unknown> = {}) => ({
  format: PLAN_FORMAT,
  formatVersion: { major, minor },
  ...extra,
});

describe('migratePlan', () => {
  const steps: PlanMigration[] = [
    { from: { major: 1, minor: 0 }, to: { major: 1, minor: 1 }, migrate: (d) => ({ ...d, a: 1 }) },
    { from: { major: 1, minor: 1 }, to: { major: 2, minor: 0 }, migrate: (d) => ({ ...d, b: 2 }) },
  ];

  it('runs every step in order, keeps unknown fields, stamps the new version', () => {
    const { document, fromVersion } = migratePlan(at(1, 0, { unknown: 'kept' }), steps, {
      major: 2,
      minor: 0,
    });
    expect(fromVersion).toEqual({ major: 1, minor: 0 });
    expect(document).toEqual(at(2, 0, { unknown: 'kept', a: 1, b: 2 }));
  });

  it('leaves the current and newer minor versions as they are', () => {
    const newer = at(PLAN_FORMAT_VERSION.major, PLAN_FORMAT_VERSION.minor + 1, { x: 1 });
    expect(migratePlan(newer).document).toBe(newer);
  });

  it('refuses a version no step leads from, and a newer major', () => {
    expect(() => migratePlan(at(0, 3))).toThrow(/plan format 0\.3 is not a version this app knows/);
    expect(() => migratePlan(at(PLAN_FORMAT_VERSION.major + 1, 0))).toThrow(PlanVersionError);
  });

  it('refuses what is not a plan, naming a fit result as such', () => {
    expect(() => migratePlan({ kind: 'mmm-fit-result', version: 2 })).toThrow(
      /fit result, not a plan/,
    );
    expect(() => migratePlan({ format: 'other' })).toThrow(/not an MMM Workbench plan/);
    expect(() => migratePlan({ format: PLAN_FORMAT, formatVersion: { major: 1 } })).toThrow(
      /no valid "formatVersion"/,
    );
  });

  it('has a chain of steps from 1.0 to the current version', () => {
    expect(migratePlan(at(1, 0), PLAN_MIGRATIONS).document.formatVersion).toEqual(
      PLAN_FORMAT_VERSION,
    );
  });
});

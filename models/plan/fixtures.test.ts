/**
 * Every plan version ever written (fixtures/) opens in this version of the app, forever: its hash
 * verifies, it migrates to the current version and passes the schema, and its numbers are the
 * fit result it was built from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFitReport } from '../report/parseFitReport';
import { openPlanText } from './openPlan';
import { compareVersions, PLAN_FORMAT_VERSION, versionText } from './planFormat';

const folder = 'models/plan/fixtures';
const fixtures = readdirSync(folder).filter((name) => name.endsWith('.mmmplan'));
const fit = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));

describe('plan fixtures', () => {
  it('include the current version', () => {
    expect(fixtures).toContain(`plan.v${versionText(PLAN_FORMAT_VERSION)}.mmmplan`);
  });

  it.each(fixtures)('%s opens, verified, migrated to the current version', (name) => {
    const version = /^plan\.v(\d+)\.(\d+)\.mmmplan$/.exec(name);
    expect(version, 'fixture name').not.toBeNull();
    const written = { major: Number(version![1]), minor: Number(version![2]) };
    const result = openPlanText(readFileSync(`${folder}/${name}`, 'utf8'));
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    expect(result.verified).toBe(true);
    expect(result.fromVersion).toEqual(written);
    expect(result.stored.formatVersion).toEqual(PLAN_FORMAT_VERSION);
    if (compareVersions(written, PLAN_FORMAT_VERSION) < 0)
      expect(result.notices).toEqual([
        `written by an older version of the app (plan format ${versionText(written)}); migrated to ${versionText(PLAN_FORMAT_VERSION)}`,
      ]);
    else expect(result.notices).toEqual([]);
    // The fixture's fit is the fit result fixture, number for number.
    expect(fit.ok && result.plan.fit).toEqual(fit.ok && fit.report);
    expect(result.plan.title).toBe('Fixture plan <b>revenue</b>');
    expect(result.plan.scenarios.map((s) => s.id)).toEqual(['reference']);
  });

  it('1.0 → 1.1 records that the data source was not kept', () => {
    const result = openPlanText(readFileSync(`${folder}/plan.v1.0.mmmplan`, 'utf8'));
    expect(result.ok && result.plan.reproduce).toBeNull();
    const current = openPlanText(readFileSync(`${folder}/plan.v1.1.mmmplan`, 'utf8'));
    expect(current.ok && current.plan.reproduce?.dateColumn).toBe('week');
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFitReport } from '../report/parseFitReport';
import { buildPlan, nextRevision, ReadOnlyPlanError } from './buildPlan';
import { canonicalJson, contentHashOf } from './contentHash';
import { openPlanText, TAMPERED_MESSAGE, type OpenedPlan } from './openPlan';
import { PLAN_FORMAT_VERSION } from './planFormat';
import { testPlan, testScenario, TEST_WRITER } from './testPlans';

const parsedReport = parseFitReport(
  readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'),
);
if (!parsedReport.ok) throw new Error(parsedReport.message);
const report = parsedReport.report;
const saved = testPlan(report);

function opened(text: string): OpenedPlan {
  const result = openPlanText(text);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** A stored document changed by `change`, re-hashed and serialised as the app would. */
function resealed(change: (document: Record<string, unknown>) => Record<string, unknown>): string {
  const document = change(JSON.parse(saved.text) as Record<string, unknown>);
  const { contentHash: _dropped, ...rest } = document;
  return `${canonicalJson({ ...rest, contentHash: contentHashOf(rest) })}\n`;
}

describe('buildPlan → openPlanText', () => {
  it('gives back the plan it wrote, verified, with no notices', () => {
    const result = opened(saved.text);
    expect(result.verified).toBe(true);
    expect(result.notices).toEqual([]);
    expect(result.plan).toEqual(saved.plan);
    expect(result.stored).toEqual(saved.stored);
    expect(result.fromVersion).toEqual(PLAN_FORMAT_VERSION);
  });

  it('stores the draws bit for bit', () => {
    const back = opened(saved.text).plan.fit.draws.values;
    report.draws.values.forEach((column, k) =>
      column.forEach((value, d) => expect(Object.is(back[k][d], value)).toBe(true)),
    );
  });

  it('is the canonical text: the same plan always gives the same bytes', () => {
    expect(saved.text).toBe(`${canonicalJson(JSON.parse(saved.text))}\n`);
    expect(testPlan(report).text).toBe(saved.text);
  });

  it('save → open is the identity for any title, author, notes and scenarios', () => {
    const scenarioSpend = fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), {
      minLength: report.channels.length,
      maxLength: report.channels.length,
    });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }),
        fc.string({ maxLength: 60, unit: 'binary' }),
        fc.string({ maxLength: 400, unit: 'binary' }),
        fc.array(scenarioSpend, { maxLength: 3 }),
        (title, author, notes, spends) => {
          const scenarios = spends.map((spend, i) => testScenario(report, `s${i}`, spend));
          const plan = buildPlan(
            {
              report,
              title,
              author,
              notes,
              scenarios,
              chosenScenarioId: scenarios[0]?.id ?? null,
            },
            { writtenBy: TEST_WRITER },
          );
          const back = opened(plan.text);
          expect(back.plan).toEqual(plan.plan);
          expect(back.verified).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('catches any single-byte change: refused, or opened with a notice when only the form changed', () => {
    const bytes = new TextEncoder().encode(saved.text);
    fc.assert(
      fc.property(
        fc.nat({ max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (position, delta) => {
          const changed = bytes.slice();
          changed[position] = (changed[position] + delta) % 256;
          const result = openPlanText(new TextDecoder().decode(changed));
          if (result.ok) expect(result.notices.join(' ')).toMatch(/reformatted/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a plan whose content no longer matches its hash, unless asked to open it read-only', () => {
    const tampered = saved.text.replace('Notes.', 'Notes!');
    const refused = openPlanText(tampered);
    expect(refused).toMatchObject({ ok: false, problem: 'tampered' });
    expect(!refused.ok && refused.message).toContain(TAMPERED_MESSAGE);
    const readOnly = openPlanText(tampered, { allowTampered: true });
    expect(readOnly.ok && readOnly.verified).toBe(false);
    expect(readOnly.ok && readOnly.plan.notes).toBe('Notes!');
    expect(readOnly.ok && readOnly.notices[0]).toMatch(/read-only/);
  });

  it('notices a reformatted file whose content still matches', () => {
    const pretty = JSON.stringify(JSON.parse(saved.text), null, 2);
    const result = opened(pretty);
    expect(result.verified).toBe(true);
    expect(result.notices).toEqual([expect.stringMatching(/reformatted/)]);
  });

  it('opens a newer minor version with a notice and keeps its unknown fields in a revision', () => {
    const newer = resealed((document) => ({
      ...document,
      formatVersion: { major: PLAN_FORMAT_VERSION.major, minor: PLAN_FORMAT_VERSION.minor + 3 },
      futureField: { kept: [1, 2, 3] },
      scenarios: (document.scenarios as Record<string, unknown>[]).map((s) => ({
        ...s,
        futureScenarioField: 'kept too',
      })),
    }));
    const result = opened(newer);
    expect(result.notices.join(' ')).toMatch(
      /newer version of the app.*kept when it is saved again/,
    );
    const revision = nextRevision(
      result,
      { ...result.plan, notes: 'edited' },
      { writtenBy: TEST_WRITER },
    );
    const stored = JSON.parse(revision.text) as Record<string, unknown>;
    expect(stored.futureField).toEqual({ kept: [1, 2, 3] });
    expect((stored.scenarios as Record<string, unknown>[])[0].futureScenarioField).toBe('kept too');
    expect(stored.formatVersion).toEqual({
      major: PLAN_FORMAT_VERSION.major,
      minor: PLAN_FORMAT_VERSION.minor + 3,
    });
    expect(opened(revision.text).plan.notes).toBe('edited');
  });

  it('refuses a newer major version with "update to open it"', () => {
    const future = resealed((document) => ({
      ...document,
      formatVersion: { major: PLAN_FORMAT_VERSION.major + 1, minor: 0 },
    }));
    const result = openPlanText(future);
    expect(result).toMatchObject({ ok: false, problem: 'newer-version' });
    expect(!result.ok && result.message).toMatch(
      /written by a newer version of the app: update to open it/,
    );
  });

  it('names schema problems with where they are', () => {
    const broken = resealed((document) => ({ ...document, revision: 0 }));
    const result = openPlanText(broken);
    expect(result).toMatchObject({ ok: false, problem: 'invalid' });
    expect(!result.ok && result.message).toMatch(/^this is not a valid plan \(revision: /);
    const lost = resealed((document) => ({ ...document, chosenScenarioId: 'nope' }));
    expect(openPlanText(lost)).toMatchObject({
      ok: false,
      message: expect.stringContaining("no scenario has the id 'nope'"),
    });
  });
});

describe('nextRevision', () => {
  const parent = opened(saved.text);

  it('writes the next revision with lineage to its parent', () => {
    const child = nextRevision(
      parent,
      { ...parent.plan, notes: 'Second thoughts.' },
      { writtenBy: TEST_WRITER, createdAt: '2026-02-01T00:00:00.000Z' },
    );
    expect(child.plan.revision).toBe(2);
    expect(child.plan.parentIds).toEqual([parent.plan.planId]);
    expect(child.plan.planId).not.toBe(parent.plan.planId);
    expect(opened(child.text).plan).toEqual(child.plan);
  });

  it('writes an unedited plan back as it was: same id, same bytes', () => {
    const same = nextRevision(parent, parent.plan, { writtenBy: TEST_WRITER });
    expect(same.text).toBe(saved.text);
    expect(same.plan.planId).toBe(parent.plan.planId);
  });

  it('never writes a plan opened read-only', () => {
    const readOnly = openPlanText(saved.text.replace('Notes.', 'Notes!'), {
      allowTampered: true,
    });
    if (!readOnly.ok) throw new Error('expected a read-only plan');
    expect(() =>
      nextRevision(readOnly, { ...readOnly.plan, notes: 'x' }, { writtenBy: TEST_WRITER }),
    ).toThrow(ReadOnlyPlanError);
  });
});

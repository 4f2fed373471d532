/**
 * The Plans store with the real plan worker code run in process (the Web Worker itself runs in
 * e2e/plans.spec.ts) and a fake platform: new plan from a fit, save, edit → next revision, open,
 * tampered → read-only, diff, report, and the hand-over to the Planner.
 */
import { readFileSync } from 'node:fs';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OpenedFile, WorkbenchApi } from '../../electron/contract';
import { openPlanText } from '../../models/plan';
import { testScenario } from '../../models/plan/testPlans';
import { parseFitReport, type MmmFitRecord } from '../../models/report';
import { createBrowserPlanRunner, handlePlanMessage } from '../plans/planRunner';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import { usePlannerStore } from './planner';
import { providePlanServices, usePlansStore } from './plans';

const parsed = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));
if (!parsed.ok) throw new Error(parsed.message);
const fit: MmmFitRecord = {
  kind: 'mmm',
  id: 7,
  finishedAt: '2026-01-01T00:00:00.000Z',
  origin: 'session',
  spec: null,
  fingerprint: parsed.report.data.fingerprint,
  report: parsed.report,
};

const saves: { name: string; contents: string }[] = [];
const downloads: { name: string; contents: string; type: string }[] = [];
const api = {
  savePlan: async (name: string, contents: string) => {
    saves.push({ name, contents });
    return { ok: true as const, value: { saved: true, name } };
  },
  saveReport: async (name: string, contents: string) => {
    downloads.push({ name, contents, type: 'text/html' });
    return { ok: true as const, value: { saved: true, name } };
  },
} as unknown as WorkbenchApi;

const file = (name: string, text: string): OpenedFile => {
  const bytes = new TextEncoder().encode(text);
  return { name, bytes, size: bytes.length };
};

beforeEach(() => {
  setActivePinia(createPinia());
  saves.length = 0;
  downloads.length = 0;
  providePlanServices({
    runner: createBrowserPlanRunner({
      createWorker: () => inProcessOneShotWorker(handlePlanMessage),
    }),
    api: () => api,
    writer: { app: 'MMM Workbench', version: 'test' },
  });
});

describe('the Plans store', () => {
  it('makes a plan from a fit, saves it, and saves an edit as the next revision', async () => {
    const plans = usePlansStore();
    await plans.newFromFit(fit);
    expect(plans.entries).toHaveLength(1);
    const first = plans.selected!;
    expect(first.onDisk).toBe(false);
    expect(first.plan.revision).toBe(1);
    expect(first.plan.fit.channels).toEqual(parsed.report.channels);

    await plans.save();
    expect(plans.message).toMatch(/^Saved revenue .* r1\.mmmplan \(revision 1\)\.$/);
    expect(saves).toHaveLength(1);
    const written = openPlanText(saves[0].contents);
    expect(written.ok && written.plan.planId).toBe(first.plan.planId);
    expect(plans.selected!.onDisk).toBe(true);

    // Unedited: written back as it was, no new revision.
    await plans.save();
    expect(saves[1].contents).toBe(saves[0].contents);
    expect(plans.entries).toHaveLength(1);

    plans.editDraft({ notes: 'Cut TV in Q3.' });
    await plans.save();
    expect(plans.entries).toHaveLength(2);
    const second = plans.selected!;
    expect(second.plan.revision).toBe(2);
    expect(second.plan.parentIds).toEqual([first.plan.planId]);
    expect(second.plan.notes).toBe('Cut TV in Q3.');
    expect(saves[2].name).toMatch(/ r2\.mmmplan$/);

    await plans.compare(plans.entries[0].key, second.key);
    expect(plans.diff?.relation).toBe('b revises a');
    expect(plans.diff?.text).toEqual([{ path: 'notes', before: '', after: 'Cut TV in Q3.' }]);
  });

  it('opens a file; a tampered one is refused, then opened read-only on request and never saved', async () => {
    const plans = usePlansStore();
    const text = readFileSync('models/plan/fixtures/plan.v1.1.mmmplan', 'utf8');
    await plans.openFile(file('fixture.mmmplan', text));
    expect(plans.selected?.plan.title).toBe('Fixture plan <b>revenue</b>');
    expect(plans.selected?.reproduce.fromData).toMatch(/^npx mmm fit media_weekly_wide\.csv /);

    await plans.openFile(file('fixture copy.mmmplan', text));
    expect(plans.entries).toHaveLength(1);
    expect(plans.message).toBe('fixture copy.mmmplan is already open.');

    await plans.openFile(file('bad.mmmplan', text.replace('Fixture writer', 'Someone else')));
    expect(plans.openError).toMatchObject({ problem: 'tampered' });
    expect(plans.openError?.message).toMatch(/^bad\.mmmplan: this plan was changed or corrupted/);
    await plans.openReadOnly();
    expect(plans.openError).toBeNull();
    expect(plans.selected?.verified).toBe(false);
    expect(plans.selected?.plan.author).toBe('Someone else');
    await plans.save();
    expect(plans.message).toMatch(/opened read-only .* cannot be saved/);
    expect(saves).toEqual([]);

    await plans.openFile(file('half.mmmplan', text.slice(0, 1000)));
    expect(plans.openError?.message).toMatch(/^half\.mmmplan: .*truncated/);
  });

  it('hands a plan to the Planner and saves the Planner’s scenarios with it', async () => {
    const plans = usePlansStore();
    const planner = usePlannerStore();
    await plans.openFile(
      file('fixture.mmmplan', readFileSync('models/plan/fixtures/plan.v1.1.mmmplan', 'utf8')),
    );
    const opened = plans.selected!;
    plans.useInPlanner();
    expect(planner.source?.origin).toEqual({
      kind: 'plan',
      planId: opened.plan.planId,
      revision: 1,
      title: opened.plan.title,
    });
    expect(planner.source?.report).toBe(opened.plan.fit);
    expect(planner.scenarios.map((s) => s.id)).toEqual(['reference']);

    const extra = testScenario(opened.plan.fit, 'more-tv', [1e6, 2e5]);
    planner.scenarios = [...planner.scenarios, extra];
    await plans.save();
    const revision = plans.selected!;
    expect(revision.plan.revision).toBe(2);
    expect(revision.plan.scenarios.map((s) => s.id)).toEqual(['reference', 'more-tv']);
    expect(revision.plan.chosenScenarioId).toBe('reference');
  });

  it('exports the one-page report through the platform (a dialog, or a download in the browser)', async () => {
    const plans = usePlansStore();
    await plans.newFromFit(fit);
    await plans.exportReport();
    expect(downloads).toHaveLength(1);
    expect(downloads[0].type).toBe('text/html');
    expect(downloads[0].name).toMatch(/ r1\.html$/);
    expect(downloads[0].contents).toMatch(/^<!doctype html>/);
  });
});

/**
 * The Model task's priors and experiments: per-channel ROI priors stated as a median and a 90%
 * range, adstock and saturation prior overrides (models/mmm/priorsFile.ts, the file `mmm fit
 * --priors` reads), and the lift tests (an editable table, importable from the CSV `mmm fit
 * --lift-tests` reads, through DuckDB as the CLI reads it). Problems are listed per field as typed;
 * a fit refuses inputs with a problem, naming the first.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { PriorPreviewData } from '../charts/priorPreviewOption';
import { runPriorPreview } from '../fit/priorPreviewRunner';
import type { SqlConnection } from '../../models/data';
import {
  LIFT_TEST_HEADER,
  liftTestsFromRows,
  readCsvAsText,
} from '../../models/experiments/liftTestsCsv';
import type {
  AdstockKind,
  ChannelPriorOverrides,
  LiftTest,
  Prior,
  SaturationKind,
} from '../../models/mmm';
import {
  channelOverridesOf,
  priorsFileOf,
  priorsFileProblems,
  type ChannelPriorsEntry,
  type PriorsFile,
  type PriorsProblem,
} from '../../models/mmm/priorsFile';
import type { RoiRange } from '../../models/mmm/roiPriorRange';

/** A lift test as typed into the table (text, checked when used). */
export interface LiftTestRow {
  channel: string;
  startDate: string;
  endDate: string;
  measuredLift: string;
  standardError: string;
}

export interface FitChoices {
  readonly channels: readonly string[];
  readonly adstock: AdstockKind;
  readonly saturation: SaturationKind;
}

export const LIFT_TABLE_NAME = 'the lift-test table';

let connectionFactory: () => Promise<SqlConnection> = async () =>
  (await import('../data/duckdb')).getConnection();

/** Replaces the DuckDB connection the lift-test import uses (tests use the Node bindings). */
export function provideInputsConnection(factory: () => Promise<SqlConnection>): void {
  connectionFactory = factory;
}

function rowOf(test: LiftTest): LiftTestRow {
  return {
    channel: test.channel,
    startDate: test.startDate,
    endDate: test.endDate,
    measuredLift: String(test.measuredLift),
    standardError: String(test.standardError),
  };
}

function cellsOf(row: LiftTestRow): Record<string, string> {
  return {
    channel: row.channel.trim(),
    start_date: row.startDate.trim(),
    end_date: row.endDate.trim(),
    lift: row.measuredLift.trim(),
    standard_error: row.standardError.trim(),
  };
}

export const useModelInputsStore = defineStore('modelInputs', () => {
  const priors = ref<Record<string, ChannelPriorsEntry>>({});
  const liftRows = ref<LiftTestRow[]>([]);
  const message = ref<string | null>(null);
  const preview = shallowRef<PriorPreviewData | null>(null);
  const previewMessage = ref<string | null>(null);
  const previewing = ref(false);

  const priorsFile = computed<PriorsFile>(() => priorsFileOf(priors.value));

  function setRoi(channel: string, range: RoiRange | null): void {
    const entry = { ...priors.value[channel] };
    if (range === null) delete entry.roi;
    else entry.roi = { ...range };
    priors.value = { ...priors.value, [channel]: entry };
  }

  function setKernelPrior(
    channel: string,
    group: 'adstock' | 'saturation',
    name: string,
    prior: Prior | null,
  ): void {
    const entry = { ...priors.value[channel] };
    const next = { ...entry[group] };
    if (prior === null) delete next[name];
    else next[name] = prior;
    entry[group] = next;
    priors.value = { ...priors.value, [channel]: entry };
  }

  function priorProblems(choices: FitChoices): PriorsProblem[] {
    return priorsFileProblems(priorsFile.value, choices);
  }

  /** Per row: the first problem of that row as a sentence, or null. */
  function liftRowProblems(channels: readonly string[]): (string | null)[] {
    return liftRows.value.map((row, index) => {
      try {
        liftTestsFromRows(
          { header: LIFT_TEST_HEADER, rows: [cellsOf(row)] },
          LIFT_TABLE_NAME,
          channels,
        );
        return null;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        return text.replace('row 1', `row ${index + 1}`);
      }
    });
  }

  /** The spec overrides and experiments a fit uses; throws the first problem, naming its field. */
  function resolved(choices: FitChoices): {
    channelOverrides: Record<string, ChannelPriorOverrides>;
    experiments: LiftTest[];
  } {
    const channelOverrides = channelOverridesOf(priorsFile.value, {
      ...choices,
      where: 'Priors',
    });
    const rowProblem = liftRowProblems(choices.channels).find((problem) => problem !== null);
    if (rowProblem) throw new Error(rowProblem);
    const experiments = liftTestsFromRows(
      { header: LIFT_TEST_HEADER, rows: liftRows.value.map(cellsOf) },
      LIFT_TABLE_NAME,
      choices.channels,
    );
    return { channelOverrides, experiments };
  }

  function addLiftRow(row?: Partial<LiftTestRow>): void {
    liftRows.value = [
      ...liftRows.value,
      { channel: '', startDate: '', endDate: '', measuredLift: '', standardError: '', ...row },
    ];
  }

  function updateLiftRow(index: number, row: LiftTestRow): void {
    liftRows.value = liftRows.value.map((entry, at) => (at === index ? { ...row } : entry));
  }

  function removeLiftRow(index: number): void {
    liftRows.value = liftRows.value.filter((_, at) => at !== index);
  }

  /**
   * Replaces the table with a lift-test CSV read by DuckDB (the same reader as `mmm fit
   * --lift-tests`); a file with a problem changes nothing and says what and where.
   */
  async function importLiftTests(
    file: { readonly name: string; readonly bytes: Uint8Array },
    channels: readonly string[],
  ): Promise<boolean> {
    try {
      const table = await readCsvAsText(await connectionFactory(), file);
      const tests = liftTestsFromRows(table, file.name, channels);
      liftRows.value = tests.map(rowOf);
      message.value = `Imported ${tests.length} lift test${tests.length === 1 ? '' : 's'} from ${file.name}`;
      return true;
    } catch (error) {
      message.value = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  /** priors.json as `mmm fit --priors` reads it. */
  function priorsJson(): string {
    return `${JSON.stringify(priorsFile.value, null, 2)}\n`;
  }

  /** Puts back what an autosave or an earlier fit held. */
  function restore(saved: {
    priors?: Record<string, ChannelPriorsEntry>;
    liftTests?: readonly LiftTest[] | readonly LiftTestRow[];
  }): void {
    if (saved.priors) priors.value = { ...saved.priors };
    if (saved.liftTests)
      liftRows.value = saved.liftTests.map((test) =>
        typeof test.measuredLift === 'number'
          ? rowOf(test as LiftTest)
          : { ...(test as LiftTestRow) },
      );
  }

  /**
   * Draws from the priors (no KPI seen) in a worker: what ROI ranges and curve shapes they allow
   * on this data's spend. `build` gives the model input (the model store's, with these priors).
   */
  async function runPreview(build: () => import('../../models/mmm').MmmInput): Promise<void> {
    previewing.value = true;
    try {
      preview.value = await runPriorPreview({ input: build(), draws: 200, seed: 1 });
      previewMessage.value = null;
    } catch (error) {
      previewMessage.value = error instanceof Error ? error.message : String(error);
    } finally {
      previewing.value = false;
    }
  }

  return {
    priors,
    liftRows,
    message,
    preview,
    previewMessage,
    previewing,
    runPreview,
    priorsFile,
    setRoi,
    setKernelPrior,
    priorProblems,
    liftRowProblems,
    resolved,
    addLiftRow,
    updateLiftRow,
    removeLiftRow,
    importLiftTests,
    priorsJson,
    restore,
  };
});

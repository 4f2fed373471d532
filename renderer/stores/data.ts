/**
 * The Data task's state: imported files (with their column profiles), the editable mapping, the
 * validation report and the weekly model frame, plus busy/progress and errors. All SQL runs here
 * (through the data layer, in DuckDB's worker); components only read state and call actions.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import {
  buildModelFrame,
  detectMapping,
  importFile,
  validate,
  weeklySourcesOf,
} from '../../models/data';
import type {
  CsvOptions,
  ImportedFile,
  InputFile,
  Mapping,
  ModelFrame,
  SqlConnection,
  ValidationReport,
  WeeklySource,
} from '../../models/data';
import { browserDataServices } from '../data/services';
import type { DataServices } from '../data/services';
import { mergeMapping } from '../logic/mappingEdits';
import { loadSavedMapping, parseMappingFile, saveMapping } from './projectStorage';

export interface DataError {
  readonly id: number;
  /** The file at fault, when there is one. */
  readonly file: string | null;
  readonly message: string;
}

export interface DataProgress {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

let configuredServices: DataServices | null = null;

/** Replaces the services before the store is first used (tests; the app keeps the default). */
export function provideDataServices(services: DataServices): void {
  configuredServices = services;
}

export const useDataStore = defineStore('data', () =>
  dataStoreSetup((configuredServices ??= browserDataServices())),
);

/** The store's body, separate from `defineStore` so it reads as plain code over its services. */
export function dataStoreSetup(services: DataServices) {
  const files = shallowRef<readonly ImportedFile[]>([]);
  const mapping = shallowRef<Mapping | null>(null);
  const validation = shallowRef<ValidationReport | null>(null);
  const frame = shallowRef<ModelFrame | null>(null);
  const frameError = ref<string | null>(null);
  const errors = ref<DataError[]>([]);
  const progress = ref<DataProgress | null>(null);
  const busy = computed(() => progress.value !== null);
  const fileNames = computed(() => files.value.map((file) => file.name));
  /** The import running now, which `cancelImport` stops. */
  const importing = shallowRef<{ signal: { aborted: boolean }; connection: SqlConnection } | null>(
    null,
  );
  const cancellable = computed(() => importing.value !== null);

  /** Original bytes per file name, kept to re-import with other CSV options (not reactive). */
  const sources = new Map<string, InputFile>();
  const savedMapping = loadSavedMapping(services.storage);
  let nextErrorId = 1;
  // Operations run one after another so two imports never interleave their SQL.
  let queue: Promise<void> = Promise.resolve();

  function enqueue(operation: () => Promise<void>): Promise<void> {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  }

  function report(file: string | null, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    const message = file !== null && !text.includes(file) ? `${file}: ${text}` : text;
    errors.value = [...errors.value, { id: nextErrorId++, file, message }];
  }

  function dismissError(id: number): void {
    errors.value = errors.value.filter((error) => error.id !== id);
  }

  function setProgress(label: string, done: number, total: number): void {
    progress.value = { label, done, total };
  }

  /**
   * Imports files one by one; a failing file is reported and skipped, the others stay. A cancelled
   * import (`cancelImport`) stops at the file being imported; the files imported before it stay, and
   * so does a loaded file of the same name (importFile replaces it only when done).
   */
  async function importInputs(inputs: readonly InputFile[], csv?: CsvOptions): Promise<void> {
    const connection = await services.connection();
    const signal = { aborted: false };
    importing.value = { signal, connection };
    try {
      await importEach(connection, inputs, csv, signal);
    } finally {
      importing.value = null;
    }
  }

  async function importEach(
    connection: SqlConnection,
    inputs: readonly InputFile[],
    csv: CsvOptions | undefined,
    signal: { aborted: boolean },
  ): Promise<void> {
    let imported = files.value;
    for (const [index, input] of inputs.entries()) {
      setProgress(`Importing ${input.name}`, index, inputs.length);
      try {
        const file = markRaw(
          await importFile(connection, input, {
            csv,
            parquetToIpc: services.parquetToIpc,
            signal,
          }),
        );
        sources.set(input.name, input);
        const existing = imported.findIndex((entry) => entry.name === file.name);
        imported =
          existing >= 0
            ? imported.map((entry, at) => (at === existing ? file : entry))
            : [...imported, file];
        files.value = imported;
      } catch (error) {
        if (!signal.aborted) {
          report(input.name, error);
          continue;
        }
        const skipped = inputs.length - index - 1;
        report(
          input.name,
          new Error(
            `${input.name}: import cancelled${skipped > 0 ? ` (${skipped} more not imported)` : ''}; files loaded before stay loaded`,
          ),
        );
        return;
      }
    }
  }

  /**
   * Stops the running import: the statement DuckDB is running now is interrupted, and the import
   * stops at its next step either way (a Parquet import between row groups).
   */
  function cancelImport(): void {
    const running = importing.value;
    if (running === null || running.signal.aborted) return;
    running.signal.aborted = true;
    // Sent now, before any later statement: it can only stop one of this import's statements.
    running.connection.interrupt?.().catch(() => undefined);
  }

  /** Re-detects the mapping (keeping edits), validates and rebuilds the model frame. */
  async function refresh(): Promise<void> {
    if (files.value.length === 0) {
      validation.value = null;
      frame.value = null;
      frameError.value = null;
      return;
    }
    const connection = await services.connection();
    const names = fileNames.value;
    if (
      mapping.value === null ||
      names.some((name) => !mapping.value?.columns.some((entry) => entry.file === name))
    ) {
      const detected = detectMapping(files.value);
      mapping.value = mergeMapping(
        mapping.value,
        mergeMapping(savedMapping, detected, names),
        names,
      );
    } else {
      mapping.value = {
        ...mapping.value,
        columns: mapping.value.columns.filter((entry) => names.includes(entry.file)),
      };
    }
    saveMapping(services.storage, mapping.value);
    await recompute(connection, mapping.value);
  }

  async function recompute(
    connection: Awaited<ReturnType<DataServices['connection']>>,
    current: Mapping,
  ): Promise<void> {
    setProgress('Validating', 0, 2);
    // The weekly aggregates are built once for validation and the frame (a scan of every file).
    let sources: readonly WeeklySource[] | undefined;
    try {
      sources = await weeklySourcesOf(connection, files.value, current);
      validation.value = markRaw(await validate(connection, files.value, current, sources));
    } catch (error) {
      validation.value = null;
      report(null, error);
    }
    setProgress('Building the weekly model frame', 1, 2);
    try {
      frame.value = markRaw(await buildModelFrame(connection, files.value, current, sources));
      frameError.value = null;
    } catch (error) {
      frame.value = null;
      frameError.value = error instanceof Error ? error.message : String(error);
    }
  }

  function run(operation: () => Promise<void>): Promise<void> {
    return enqueue(async () => {
      try {
        await operation();
      } catch (error) {
        report(null, error);
      } finally {
        progress.value = null;
      }
    });
  }

  function importFiles(inputs: readonly InputFile[]): Promise<void> {
    return run(async () => {
      await importInputs(inputs);
      await refresh();
    });
  }

  function loadSample(): Promise<void> {
    return run(async () => {
      setProgress('Fetching the sample data', 0, 1);
      await importInputs(await services.fetchSample());
      await refresh();
    });
  }

  /** Imports one loaded file again with CSV options the analyst fixed. */
  function reimport(fileName: string, csv: CsvOptions): Promise<void> {
    return run(async () => {
      const source = sources.get(fileName);
      if (source === undefined)
        throw new Error(`${fileName}: its contents are no longer available; import it again`);
      await importInputs([source], csv);
      // The columns may have changed: detect anew for this file, keep the others' edits.
      if (mapping.value !== null) {
        mapping.value = {
          ...mapping.value,
          columns: mapping.value.columns.filter((entry) => entry.file !== fileName),
        };
      }
      await refresh();
    });
  }

  function removeFile(fileName: string): Promise<void> {
    return run(async () => {
      files.value = files.value.filter((file) => file.name !== fileName);
      sources.delete(fileName);
      await refresh();
    });
  }

  /** Applies an edited mapping: saved with the project, then validated and framed again. */
  function updateMapping(next: Mapping): Promise<void> {
    mapping.value = next;
    saveMapping(services.storage, next);
    return run(async () => {
      if (files.value.length === 0) return;
      await recompute(await services.connection(), next);
    });
  }

  /** The mapping as the `mapping.json` the CLI reads (`mmm inspect --mapping`). */
  function mappingJson(): string {
    return `${JSON.stringify(mapping.value, null, 2)}\n`;
  }

  function applyMappingFile(name: string, text: string): Promise<void> {
    try {
      return updateMapping(parseMappingFile(name, text));
    } catch (error) {
      report(name, error);
      return Promise.resolve();
    }
  }

  /** An imported file's contents as imported (for its digest in the fit report). */
  function inputFileOf(name: string): InputFile | undefined {
    return sources.get(name);
  }

  return {
    files,
    mapping,
    inputFileOf,
    validation,
    frame,
    frameError,
    errors,
    progress,
    busy,
    cancellable,
    fileNames,
    importFiles,
    cancelImport,
    loadSample,
    reimport,
    removeFile,
    updateMapping,
    mappingJson,
    applyMappingFile,
    dismissError,
    reportError: report,
  };
}

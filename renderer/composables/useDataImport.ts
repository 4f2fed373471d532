/**
 * Glue between the platform (dialogs, drops, the file input) and the data store: turns what the
 * user chose into `InputFile`s and reports a refused file as an error naming it.
 */
import type { OpenedFile, Result } from '../../electron/contract';
import type { InputFile } from '../../models/data';
import { getWorkbenchApi } from '../platform';
import { downloadText } from '../platform';
import { inputFileOf, withDroppedFile } from '../platform/fileBytes';
import { useDataStore } from '../stores/data';

export function useDataImport() {
  const store = useDataStore();
  const api = getWorkbenchApi();

  async function importResult(result: Result<OpenedFile[]>): Promise<void> {
    if (!result.ok) {
      store.reportError(null, new Error(result.error.message));
      return;
    }
    if (result.value.length === 0) return;
    let inputs: InputFile[];
    try {
      inputs = result.value.map(inputFileOf);
    } catch (error) {
      store.reportError(null, error);
      return;
    }
    await store.importFiles(inputs);
  }

  /** The native (desktop) or browser file dialog. */
  async function openDialog(): Promise<void> {
    await importResult(await api.openDataFiles());
  }

  /** Files from the import input or a drop on the window. */
  async function importBrowserFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const result = await api.openDroppedFiles([...files]);
    // The desktop answers a large data file with its head: its File here is the rest, read in place.
    await importResult(
      result.ok
        ? {
            ok: true,
            value: result.value.map((opened, index) => withDroppedFile(opened, files[index])),
          }
        : result,
    );
  }

  function exportMapping(): void {
    if (store.mapping === null) return;
    downloadText('mapping.json', store.mappingJson());
  }

  async function importMappingFile(file: File): Promise<void> {
    await store.applyMappingFile(file.name, await file.text());
  }

  return { openDialog, importBrowserFiles, exportMapping, importMappingFile };
}

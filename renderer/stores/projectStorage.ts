/**
 * The project as kept in localStorage: the mapping (validated with the data layer's zod schema
 * when read back, so a stale or hand-edited value cannot break the app).
 */
import { MAPPING_JSON_LIMITS, MappingSchema } from '../../models/data';
import { parseJsonWithLimits } from '../../models/io/safeJson';
import type { Mapping } from '../../models/data';
import type { KeyValueStorage } from '../platform/recentFiles';

export const PROJECT_STORAGE_KEY = 'mmm-workbench:project';

interface StoredProject {
  version: 1;
  mapping: Mapping;
}

export function loadSavedMapping(storage: KeyValueStorage | null): Mapping | null {
  const text = storage?.getItem(PROJECT_STORAGE_KEY) ?? null;
  if (text === null) return null;
  try {
    const parsed = parseJsonWithLimits(text, MAPPING_JSON_LIMITS).value as Partial<StoredProject>;
    const result = MappingSchema.safeParse(parsed.mapping);
    return result.success ? (result.data as Mapping) : null;
  } catch {
    return null;
  }
}

export function saveMapping(storage: KeyValueStorage | null, mapping: Mapping): void {
  if (storage === null) return;
  const project: StoredProject = { version: 1, mapping };
  try {
    storage.setItem(PROJECT_STORAGE_KEY, JSON.stringify(project));
  } catch {
    // Storage full or disabled: the mapping stays in memory and can still be exported.
  }
}

/**
 * Parses a mapping.json the analyst chose, within MAPPING_JSON_LIMITS (prototype keys dropped);
 * the error names the file and the first bad field.
 */
export function parseMappingFile(name: string, text: string): Mapping {
  let json: unknown;
  try {
    json = parseJsonWithLimits(text, MAPPING_JSON_LIMITS).value;
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = MappingSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'top level';
    throw new Error(`${name}: not a mapping (${where}: ${issue?.message ?? 'invalid'})`);
  }
  return result.data as Mapping;
}

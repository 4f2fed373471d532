/** Zod schema of a saved mapping (mapping.json, or the mapping inside a project file). */
import { z } from 'zod';
import { COLUMN_ROLES, type Mapping } from './types';

const ColumnMappingSchema = z.object({
  file: z.string().min(1),
  column: z.string().min(1),
  role: z.enum(COLUMN_ROLES),
  channel: z.string().min(1).optional(),
  keepPersonalData: z.boolean().optional(),
});

export const MappingSchema: z.ZodType<Mapping> = z.object({
  version: z.literal(1),
  columns: z.array(ColumnMappingSchema),
  weekStart: z.enum(['monday', 'sunday']),
  aggregateGeos: z.boolean(),
});

/**
 * Limits a mapping file is read within (models/io/safeJson): a mapping of 1,000 columns is about
 * 100 KB, so 8 MB and 16 levels leave room for any real one and none for a hostile one.
 */
export const MAPPING_JSON_LIMITS = {
  maxBytes: 8 * 1024 ** 2,
  maxDepth: 16,
  maxArrayLength: 100_000,
  maxStringLength: 200_000,
} as const;

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

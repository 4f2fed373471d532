/** Small SQL text helpers shared by the data layer (identifiers and literals are always quoted). */

/** `"name"` with embedded quotes doubled, so any column name is a valid identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with embedded quotes doubled. */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A table name derived from a file name: lower-case letters, digits and underscores, prefixed `file_`. */
export function tableNameFor(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `file_${base || 'data'}`;
}

/** Reads a numeric cell that may come back as number, bigint or a decimal object. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  const parsed = Number(String(value));
  return Number.isNaN(parsed) ? null : parsed;
}

/** Reads a text cell (null stays null). */
export function toText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

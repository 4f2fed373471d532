/**
 * Number formatting for the CSV files: plain `.` decimals, no thousands separators, no exponent.
 */

/** Whole cents as `units.cc`: 123456 → "1234.56", −5 → "-0.05". Exact (no binary rounding). */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`cents ${cents} is not a safe integer`);
  const negative = cents < 0;
  const magnitude = Math.abs(cents);
  const units = Math.floor(magnitude / 100);
  const fraction = magnitude % 100;
  return `${negative ? '-' : ''}${units}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** `value` with `digits` decimals, never "-0.000". */
export function formatDecimal(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new Error(`value ${value} is not finite`);
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Names used as CSV fields must need no quoting. */
export function assertPlainField(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error(`name "${name}" must be lower-case letters, digits or _`);
  return name;
}

/** Number and cell formatting for dense tables (fixed en-US so screenshots and tests are stable). */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Integers with thousands separators; other numbers to at most 2 decimals (4 significant when tiny). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return integer.format(value);
  if (Math.abs(value) < 0.01 && value !== 0) return value.toPrecision(2);
  return decimal.format(value);
}

export function formatCell(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'number' ? formatNumber(value) : value;
}

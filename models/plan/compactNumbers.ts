/**
 * The compact number encoding of a plan's fit report: an array of eight or more numbers is stored
 * as `{ "f64": "<base64>" }`, the standard base64 (RFC 4648, padded) of its values as IEEE-754
 * float64, little-endian, in order. Exact (every bit of every double survives) and about 10.7
 * characters a number, against up to 24 for a double written out in JSON.
 *
 *   [1, 0.5, …8 values]  →  { "f64": "AAAAAAAA8D8AAAAAAADgPw…" }
 *
 * `compactNumbers` walks any JSON value and replaces every all-number array of at least
 * `MIN_COMPACT_LENGTH` elements; `expandNumbers` turns every `{ "f64": string }` back into its
 * numbers and refuses a malformed one (bad base64, a length that is not a whole number of doubles,
 * NaN or ±∞ smuggled in as bits) with one sentence naming where it is. Pure.
 */
import { base64 } from '@scure/base';

/** Shorter arrays stay plain JSON: they are small, and readable in the file. */
export const MIN_COMPACT_LENGTH = 8;

export const F64_KEY = 'f64';

export class CompactNumbersError extends Error {
  override readonly name = 'CompactNumbersError';
}

/** `values` as base64 of little-endian float64 bytes. */
export function encodeFloat64(values: readonly number[]): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return base64.encode(bytes);
}

/** The numbers of an `encodeFloat64` string; throws CompactNumbersError naming `where`. */
export function decodeFloat64(text: string, where = 'the value'): number[] {
  let bytes: Uint8Array;
  try {
    bytes = base64.decode(text);
  } catch {
    throw new CompactNumbersError(`${where} is not valid base64`);
  }
  if (bytes.length % 8 !== 0)
    throw new CompactNumbersError(
      `${where} holds ${bytes.length} bytes, not a whole number of 8-byte doubles`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Array<number>(bytes.length / 8);
  for (let i = 0; i < values.length; i++) {
    const value = view.getFloat64(i * 8, true);
    if (!Number.isFinite(value))
      throw new CompactNumbersError(`${where}[${i}] is not a finite number`);
    values[i] = value;
  }
  return values;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberArray(value: unknown[]): value is number[] {
  for (const item of value) if (typeof item !== 'number') return false;
  return true;
}

/** A copy of `value` with every all-number array of ≥ MIN_COMPACT_LENGTH elements encoded. */
export function compactNumbers(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= MIN_COMPACT_LENGTH && isNumberArray(value))
      return { [F64_KEY]: encodeFloat64(value) };
    return value.map(compactNumbers);
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = compactNumbers(value[key]);
    return out;
  }
  return value;
}

function isEncoded(value: Record<string, unknown>): value is { f64: string } {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === F64_KEY && typeof value[F64_KEY] === 'string';
}

/** A copy of `value` with every `{ "f64": … }` decoded; `path` names where errors are. */
export function expandNumbers(value: unknown, path = '$'): unknown {
  if (Array.isArray(value)) return value.map((item, i) => expandNumbers(item, `${path}[${i}]`));
  if (isPlainObject(value)) {
    if (isEncoded(value)) return decodeFloat64(value.f64, path);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = expandNumbers(value[key], `${path}.${key}`);
    return out;
  }
  return value;
}

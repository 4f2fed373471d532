/**
 * A fit report (or session entry) as the JSON a fit file holds, and the texts already made where
 * their report was built: the report worker writes its report's JSON beside it, so saving the
 * report again (autosave, export) needs no structured clone of the whole object to another worker,
 * which blocks the main thread for ~100–300 ms. Kept small: the report worker imports it.
 */

/** NaN and ±∞ become null, as `mmm fit --out` writes them. */
function finiteOnly(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

export function serialiseFitValue(value: unknown): string {
  return JSON.stringify(value, finiteOnly);
}

/** Keyed by the raw (non-reactive) object; reports are never changed once built. */
const serialisedTexts = new WeakMap<object, string>();

export function rememberSerialised(value: object, text: string): void {
  serialisedTexts.set(value, text);
}

export function serialisedTextOf(value: object): string | undefined {
  return serialisedTexts.get(value);
}

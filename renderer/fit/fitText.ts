/**
 * A fit report (or session entry) as the JSON a fit file holds, and the JSON already made where
 * their report was built (text or UTF-8 bytes): the report worker writes its report's JSON beside it, so saving the
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

/**
 * Keyed by the raw (non-reactive) object; reports are never changed once built. The report
 * worker's UTF-8 bytes are kept as they came, the text decoded from them only when asked for.
 */
const serialised = new WeakMap<object, { bytes?: Uint8Array; text?: string }>();

export function rememberSerialised(value: object, json: string | Uint8Array): void {
  serialised.set(value, typeof json === 'string' ? { text: json } : { bytes: json });
}

/** The value's JSON as UTF-8 bytes, when it arrived so (the autosave stores them as they are). */
export function serialisedBytesOf(value: object): Uint8Array | undefined {
  return serialised.get(value)?.bytes;
}

export function serialisedTextOf(value: object): string | undefined {
  const known = serialised.get(value);
  if (known?.bytes && known.text === undefined) known.text = new TextDecoder().decode(known.bytes);
  return known?.text;
}

/**
 * A content fingerprint of the model data: FNV-1a, 64-bit (Fowler–Noll–Vo), over a canonical byte
 * stream — the dates as UTF-16 code units, then each number as its IEEE-754 float64 bytes
 * (little-endian) in the order KPI, spend of each channel, each control, with the names of the
 * channels and controls and the series lengths mixed in, so reordering or renaming changes the hash.
 *
 *   h₀ = 0xcbf29ce484222325,  hᵢ₊₁ = (hᵢ ⊕ byteᵢ) · 0x100000001b3  (mod 2⁶⁴)
 *
 * Returned as 16 lowercase hex digits. Not cryptographic: it tells "same data" from "different
 * data" for lineage, nothing more. Example: the empty stream hashes to 'cbf29ce484222325'.
 */
import type { GeoMmmData } from '../mmm/geoTypes';
import type { MmmData } from '../mmm/types';

const OFFSET_HIGH = 0xcbf29ce4;
const OFFSET_LOW = 0x84222325;
// The prime 0x100000001b3 = 2⁴⁰ + 0x1b3: multiply by 0x1b3 and add the low word shifted by 40 bits.
const PRIME_LOW = 0x1b3;

/** Incremental FNV-1a 64 over bytes, with the state kept as two 32-bit halves (no BigInt in the loop). */
export class Fnv1a64 {
  private high = OFFSET_HIGH;
  private low = OFFSET_LOW;

  update(bytes: Uint8Array): this {
    let high = this.high;
    let low = this.low;
    for (let i = 0; i < bytes.length; i++) {
      low = (low ^ bytes[i]) >>> 0;
      // (high·2³² + low) · (2⁴⁰ + 0x1b3) mod 2⁶⁴
      const lowProduct = low * PRIME_LOW; // < 2⁴¹, exact in a double
      const carry = Math.floor(lowProduct / 0x100000000);
      const newLow = lowProduct >>> 0;
      const newHigh = (Math.imul(high, PRIME_LOW) + carry + ((low << 8) >>> 0)) >>> 0;
      high = newHigh;
      low = newLow;
    }
    this.high = high;
    this.low = low;
    return this;
  }

  updateNumbers(values: Float64Array): this {
    const copy = Float64Array.from(values);
    const bytes = new Uint8Array(copy.buffer);
    if (!littleEndian) {
      for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
    }
    return this.update(bytes);
  }

  updateText(text: string): this {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      bytes[2 * i] = code & 0xff;
      bytes[2 * i + 1] = code >>> 8;
    }
    return this.update(bytes);
  }

  digest(): string {
    return this.high.toString(16).padStart(8, '0') + this.low.toString(16).padStart(8, '0');
  }
}

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function dataFingerprint(data: MmmData): string {
  const hash = new Fnv1a64();
  const separator = (label: string, length: number): void => {
    hash.updateText(`\u0000${label}\u0000${length}\u0000`);
  };
  separator('dates', data.dates.length);
  for (const date of data.dates) hash.updateText(`${date}\n`);
  separator('kpi', data.kpi.length);
  hash.updateNumbers(data.kpi);
  data.channelNames.forEach((name, c) => {
    separator(`spend:${name}`, data.spend[c].length);
    hash.updateNumbers(data.spend[c]);
  });
  data.controlNames.forEach((name, j) => {
    separator(`control:${name}`, data.controls[j].length);
    hash.updateNumbers(data.controls[j]);
  });
  return hash.digest();
}

/**
 * The fingerprint of geo data: the same stream over the per-geo series (geo-major, as given), then
 * the geo names and populations, so a geo fit and a national fit of the summed data differ.
 */
export function geoDataFingerprint(data: GeoMmmData): string {
  const hash = new Fnv1a64().updateText(dataFingerprint(data));
  hash.updateText(`\u0000geos:${data.geoNames.length}\u0000${data.geoNames.join('\n')}`);
  if (data.population) hash.updateNumbers(data.population);
  return hash.digest();
}

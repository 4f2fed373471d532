import { describe, expect, it } from 'vitest';
import type { MmmData } from '../mmm/types';
import { dataFingerprint, Fnv1a64 } from './dataFingerprint';

/** Reference FNV-1a 64 with BigInt arithmetic, straight from the definition. */
function referenceFnv(bytes: Uint8Array): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

describe('Fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(new Fnv1a64().digest()).toBe('cbf29ce484222325');
    expect(new Fnv1a64().update(ascii('a')).digest()).toBe('af63dc4c8601ec8c');
    expect(new Fnv1a64().update(ascii('foobar')).digest()).toBe('85944171f73967e8');
  });

  it('matches a BigInt reference on random bytes, fed in pieces', () => {
    const bytes = Uint8Array.from({ length: 997 }, (_, i) => (i * 7919 + 13) % 256);
    const hash = new Fnv1a64().update(bytes.subarray(0, 400)).update(bytes.subarray(400));
    expect(hash.digest()).toBe(referenceFnv(bytes));
  });
});

describe('dataFingerprint', () => {
  const data: MmmData = {
    dates: ['2024-01-01', '2024-01-08'],
    kpi: Float64Array.of(10, 12),
    channelNames: ['tv', 'search'],
    spend: [Float64Array.of(1, 2), Float64Array.of(3, 4)],
    controlNames: ['price'],
    controls: [Float64Array.of(100, 101)],
  };

  it('is stable and changes with any number, name or order', () => {
    const base = dataFingerprint(data);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(dataFingerprint({ ...data, kpi: Float64Array.of(10, 12) })).toBe(base);
    expect(dataFingerprint({ ...data, kpi: Float64Array.of(10, 12.000000001) })).not.toBe(base);
    expect(dataFingerprint({ ...data, channelNames: ['tv', 'social'] })).not.toBe(base);
    expect(
      dataFingerprint({
        ...data,
        channelNames: ['search', 'tv'],
        spend: [data.spend[1], data.spend[0]],
      }),
    ).not.toBe(base);
    expect(dataFingerprint({ ...data, dates: ['2024-01-01', '2024-01-09'] })).not.toBe(base);
  });
});

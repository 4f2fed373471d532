/**
 * A plan's `contentHash`: SHA-256 over the canonical serialisation of the stored document without
 * its `contentHash` field, written as 64 lower-case hex digits.
 *
 *   contentHash = hex(SHA-256(UTF-8(JCS(document \ { contentHash }))))
 *
 * JCS is the JSON Canonicalization Scheme, RFC 8785 (the `canonicalize` package, by the RFC's
 * author): object keys sorted by their UTF-16 code units, no whitespace, strings escaped as
 * ECMAScript's JSON.stringify does, numbers in ECMAScript's shortest round-trip form
 * (Number.prototype.toString: `1`, `0.30000000000000004`, `1e+21`). The plan file itself is written
 * in exactly this form (plus one final newline), so the file is its own canonical text.
 *
 * Example: JCS({ b: [1, 1e21], a: 'x' }) is `{"a":"x","b":[1,1e+21]}`.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

/** RFC 8785 canonical JSON of `value`; throws CanonicalJsonError for what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    // NaN, ±∞ or a lone surrogate: the plan would not survive a round trip.
    const detail = error instanceof Error ? error.message : String(error);
    throw new CanonicalJsonError(`the plan cannot be written as canonical JSON (${detail})`);
  }
  if (text === undefined) throw new CanonicalJsonError('the plan is not a JSON value');
  return text;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The hash of a stored plan document (its own `contentHash`, if any, left out). */
export function contentHashOf(document: Readonly<Record<string, unknown>>): string {
  const { contentHash: _ignored, ...rest } = document;
  return sha256Hex(canonicalJson(rest));
}

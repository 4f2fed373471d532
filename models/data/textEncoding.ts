/**
 * Text encodings of CSV exports: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text" is
 * UTF-16LE with a BOM, tab-separated) and Windows-1252 (Latin-1 and Excel's "CSV" on Western
 * Windows). Everything that is not UTF-8 is transcoded to UTF-8 before DuckDB reads it. Written by
 * hand (models/ assumes no TextDecoder); tests check them against Node's Buffer.
 *
 * Detection, on the file's head: a byte-order mark; else UTF-16 when NUL bytes sit at every other
 * position (ASCII text in UTF-16: "a" is 61 00 in LE); else UTF-8 when the bytes are valid UTF-8;
 * else Windows-1252 when no byte is one it leaves undefined (81 8D 8F 90 9D). UTF-32 and other
 * encodings are refused by name.
 */
import type { InputFile } from './types';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Names of the encodings as messages and the CSV options show them. */
export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Latin-1)',
};

export type DetectedEncoding =
  | {
      readonly encoding: TextEncoding;
      /** Bytes of its byte-order mark (0 when none). */ readonly bom: number;
    }
  | { readonly unsupported: string };

/** Characters of bytes 0x80–0x9F in Windows-1252 (the rest of the byte range is Latin-1). */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const undefinedIn1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Byte index of the first byte that breaks UTF-8 (a sequence cut by the end is fine), or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) {
      if (index + next >= bytes.length) return -1;
      if ((bytes[index + next] & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return -1;
}

/** The encoding of a text file from its first bytes (its head is enough). */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const [a, b, c, d] = bytes;
  if (
    (a === 0xff && b === 0xfe && c === 0 && d === 0) ||
    (a === 0 && b === 0 && c === 0xfe && d === 0xff)
  )
    return { unsupported: 'UTF-32' };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) evenZeros++;
    if (bytes[2 * pair + 1] === 0) oddZeros++;
  }
  if (pairs > 0 && oddZeros >= 0.3 * pairs && evenZeros <= 0.05 * pairs)
    return { encoding: 'utf-16le', bom: 0 };
  if (pairs > 0 && evenZeros >= 0.3 * pairs && oddZeros <= 0.05 * pairs)
    return { encoding: 'utf-16be', bom: 0 };
  if (evenZeros + oddZeros > 0 || invalidUtf8At(bytes) < 0) return { encoding: 'utf-8', bom: 0 };
  for (const byte of bytes)
    if (undefinedIn1252.has(byte)) return { unsupported: 'neither UTF-8, UTF-16 nor Windows-1252' };
  return { encoding: 'windows-1252', bom: 0 };
}

/** Decodes bytes (no BOM) in a non-UTF-8 encoding; a trailing half character is dropped. */
export function decodeText(bytes: Uint8Array, encoding: Exclude<TextEncoding, 'utf-8'>): string {
  const parts: string[] = [];
  const chunk = 8192;
  if (encoding === 'windows-1252') {
    for (let start = 0; start < bytes.length; start += chunk) {
      const codes = Array.from(bytes.subarray(start, start + chunk), (byte) =>
        byte >= 0x80 && byte < 0xa0 ? windows1252High.charCodeAt(byte - 0x80) : byte,
      );
      parts.push(String.fromCharCode(...codes));
    }
    return parts.join('');
  }
  const units = Math.floor(bytes.length / 2);
  const [high, low] = encoding === 'utf-16le' ? [1, 0] : [0, 1];
  for (let start = 0; start < units; start += chunk) {
    const end = Math.min(units, start + chunk);
    const codes = new Array<number>(end - start);
    for (let unit = start; unit < end; unit++)
      codes[unit - start] = (bytes[2 * unit + high] << 8) | bytes[2 * unit + low];
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as TextEncoder does). */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code < 0xe000) {
      const next = text.charCodeAt(index + 1);
      if (code < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index++;
      } else code = 0xfffd;
    }
    if (code < 0x80) out[length++] = code;
    else if (code < 0x800) {
      out[length++] = 0xc0 | (code >> 6);
      out[length++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      out[length++] = 0xe0 | (code >> 12);
      out[length++] = 0x80 | ((code >> 6) & 0x3f);
      out[length++] = 0x80 | (code & 0x3f);
    } else {
      out[length++] = 0xf0 | (code >> 18);
      out[length++] = 0x80 | ((code >> 12) & 0x3f);
      out[length++] = 0x80 | ((code >> 6) & 0x3f);
      out[length++] = 0x80 | (code & 0x3f);
    }
  }
  return out.slice(0, length);
}

/**
 * UTF-8 bytes of a whole file in `encoding`, its BOM (`bom` bytes) left out. Transcoded a megabyte
 * at a time (never splitting a UTF-16 surrogate pair), so no one string holds the whole file.
 */
export function transcodeToUtf8(
  bytes: Uint8Array,
  encoding: Exclude<TextEncoding, 'utf-8'>,
  bom: number,
): Uint8Array {
  const pieces: Uint8Array[] = [];
  let total = 0;
  const step = 1 << 20;
  for (let start = bom; start < bytes.length;) {
    let end = Math.min(bytes.length, start + step);
    if (encoding !== 'windows-1252' && end < bytes.length) {
      const highOffset = encoding === 'utf-16le' ? 1 : 0;
      const lastHigh = bytes[end - 2 + highOffset];
      if (lastHigh >= 0xd8 && lastHigh < 0xdc) end -= 2; // keep a surrogate pair together
    }
    const piece = encodeUtf8(decodeText(bytes.subarray(start, end), encoding));
    pieces.push(piece);
    total += piece.length;
    start = end;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

/** "line 3": the 1-based line of byte `at`. */
function lineOf(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let index = 0; index < at; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

/**
 * The file as UTF-8 (the encoding `chosen` in the CSV options, else detected), with the encoding it
 * was read in. A file in another encoding is read whole and transcoded, so DuckDB and the sniffing
 * always see UTF-8; an encoding that cannot be read is refused by name, with how to re-save.
 */
export async function utf8InputFile(
  file: InputFile,
  chosen: TextEncoding | undefined,
): Promise<{ file: InputFile; encoding: TextEncoding }> {
  const detected = detectEncoding(file.bytes);
  if (chosen === undefined && 'unsupported' in detected)
    throw new Error(
      `${file.name}: the file is ${detected.unsupported} text, which the workbench does not read; re-save it as 'CSV UTF-8 (Comma delimited)' (Excel: File › Save As) or as UTF-16 'Unicode Text'`,
    );
  const encoding = chosen ?? ('encoding' in detected ? detected.encoding : 'utf-8');
  const bom = 'encoding' in detected && detected.encoding === encoding ? detected.bom : 0;
  if (encoding === 'utf-8') {
    const invalid = chosen ? invalidUtf8At(file.bytes) : -1;
    if (invalid >= 0)
      throw new Error(
        `${file.name}: not valid UTF-8 text (byte 0x${file.bytes[invalid].toString(16)} in line ${lineOf(file.bytes, invalid)}); choose its encoding in the CSV options (Windows-1252, say) or re-save it as 'CSV UTF-8'`,
      );
    return { file, encoding };
  }
  const whole = file.source ? await file.source.read() : file.bytes;
  return { file: { name: file.name, bytes: transcodeToUtf8(whole, encoding, bom) }, encoding };
}

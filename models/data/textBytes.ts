/** Byte-level checks on a CSV before DuckDB sees it: binary content, emptiness, the header line. */

/** True when the first 64 KiB hold NUL bytes or many control characters (binary, or UTF-16 text). */
export function looksBinary(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 65536);
  let control = 0;
  for (let index = 0; index < length; index++) {
    const byte = bytes[index];
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return length > 0 && control / length > 0.01;
}

/** True when the bytes are empty or whitespace only. */
export function isBlank(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (
      byte !== 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0d &&
      byte !== 0xef &&
      byte !== 0xbb &&
      byte !== 0xbf
    )
      return false;
  }
  return true;
}

/**
 * Decodes UTF-8 strictly (throws a URIError on an invalid, overlong or surrogate sequence, as
 * `decodeURIComponent` does) without TextDecoder, which models/ may not assume. Linear: a header
 * line of megabytes decodes in milliseconds.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  let text = '';
  const units: number[] = [];
  const flush = () => {
    text += String.fromCharCode(...units);
    units.length = 0;
  };
  for (let index = 0; index < bytes.length;) {
    const lead = bytes[index];
    if (lead < 0x80) {
      units.push(lead);
      index++;
      if (units.length >= 8192) flush();
      continue;
    }
    const [extra, least, bits] =
      lead >= 0xc2 && lead < 0xe0
        ? [1, 0x80, lead & 0x1f]
        : lead >= 0xe0 && lead < 0xf0
          ? [2, 0x800, lead & 0x0f]
          : lead >= 0xf0 && lead < 0xf5
            ? [3, 0x10000, lead & 0x07]
            : [-1, 0, 0];
    if (extra < 0) throw new URIError(`invalid UTF-8 at byte ${index}`);
    let code = bits;
    for (let next = 1; next <= extra; next++) {
      const byte = bytes[index + next];
      if (byte === undefined || (byte & 0xc0) !== 0x80)
        throw new URIError(`invalid UTF-8 at byte ${index}`);
      code = (code << 6) | (byte & 0x3f);
    }
    if (code < least || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      throw new URIError(`invalid UTF-8 at byte ${index}`);
    index += extra + 1;
    if (code >= 0x10000) units.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + (code & 0x3ff));
    else units.push(code);
    if (units.length >= 8192) flush();
  }
  return text + String.fromCharCode(...units);
}

/** The first `count` lines (without line endings, BOM removed) from the start of the bytes. */
export function firstLines(bytes: Uint8Array, count: number): string[] {
  const lines: string[] = [];
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let index = start; index < bytes.length && lines.length < count; index++) {
    if (bytes[index] === 0x0a) {
      const end = index > start && bytes[index - 1] === 0x0d ? index - 1 : index;
      lines.push(decodeUtf8(bytes.subarray(start, end)));
      start = index + 1;
    }
  }
  if (lines.length < count && start < bytes.length) {
    const tail = bytes.subarray(start, Math.min(bytes.length, start + 65536));
    const text = decodeUtf8(tail).replace(/\r$/, '');
    if (text.length > 0) lines.push(text);
  }
  return lines;
}

/**
 * Splits one CSV line on `delimiter`, honouring double quotes (`""` is a literal quote). Works on
 * slices between quotes and delimiters, so a line of megabytes splits in milliseconds.
 */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let start = 0;
  let quoted = false;
  for (;;) {
    const quote = line.indexOf('"', start);
    if (quoted) {
      if (quote < 0) break;
      if (line[quote + 1] === '"') {
        field += line.slice(start, quote + 1);
        start = quote + 2;
      } else {
        field += line.slice(start, quote);
        quoted = false;
        start = quote + 1;
      }
      continue;
    }
    const split = line.indexOf(delimiter, start);
    if (split >= 0 && (quote < 0 || split < quote)) {
      fields.push(field + line.slice(start, split));
      field = '';
      start = split + delimiter.length;
    } else if (quote >= 0) {
      field += line.slice(start, quote);
      quoted = true;
      start = quote + 1;
    } else break;
  }
  fields.push(field + line.slice(start));
  return fields;
}

/**
 * Byte length of the first `records` CSV records (header included), ending just after a line break
 * outside double quotes, so a quoted field with line breaks is never cut. When the bytes hold fewer
 * records: their whole length if they are the whole file, else (`whole` false: the head of a larger
 * file) the length up to the last such line break, so the last record is never a cut one.
 */
export function csvHeadLength(bytes: Uint8Array, records: number, whole = true): number {
  let quoted = false;
  let seen = 0;
  let lastBreak = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === 0x22)
      quoted = !quoted; // `""` toggles twice: still inside the field
    else if (byte === 0x0a && !quoted) {
      lastBreak = index + 1;
      if (++seen === records) return lastBreak;
    }
  }
  return whole || lastBreak === 0 ? bytes.length : lastBreak;
}

/** Longest CSV record (in bytes) DuckDB's reader takes: its `max_line_size` default, 2 MiB. */
export const MAX_RECORD_BYTES = 2 * 1024 ** 2;

/**
 * The 1-based number of the first line (header = line 1) whose record is longer than `limit` bytes,
 * quotes honoured; null when none is. Lets an import refuse such a file at once, by line, where
 * DuckDB would take many seconds to fail on it.
 */
export function firstLongRecord(bytes: Uint8Array, limit = MAX_RECORD_BYTES): number | null {
  let quoted = false;
  let start = 0;
  let line = 1;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === 0x22) quoted = !quoted;
    else if (byte === 0x0a && !quoted) {
      if (index - start > limit) return line;
      start = index + 1;
      line++;
    }
  }
  return bytes.length - start > limit ? line : null;
}

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

/** Decodes UTF-8 (strict: throws on invalid sequences) without TextDecoder, which models/ may not assume. */
export function decodeUtf8(bytes: Uint8Array): string {
  let encoded = '';
  for (let index = 0; index < bytes.length; index++)
    encoded += '%' + bytes[index].toString(16).padStart(2, '0');
  return decodeURIComponent(encoded);
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

/** Splits one CSV line on `delimiter`, honouring double quotes (`""` is a literal quote). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (line.startsWith(delimiter, index)) {
      fields.push(field);
      field = '';
      index += delimiter.length - 1;
    } else field += char;
  }
  fields.push(field);
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

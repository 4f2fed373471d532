import type { FileFormat, InputFile } from './types';

const parquetMagic = [0x50, 0x41, 0x52, 0x31]; // 'PAR1'

function startsWithMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && parquetMagic.every((byte, index) => bytes[index] === byte);
}

/**
 * The format of an export: Parquet when the bytes start with the magic `PAR1` or the name ends in
 * `.parquet`/`.pq` (import then checks the bytes and names the file if they are not Parquet); CSV otherwise.
 */
export function detectFormat(file: InputFile): FileFormat {
  if (startsWithMagic(file.bytes)) return 'parquet';
  return /\.(parquet|pq)$/i.test(file.name) ? 'parquet' : 'csv';
}

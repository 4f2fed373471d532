/**
 * A file's bytes as a plain Uint8Array over the Buffer Node read, without copying them: a 400 MB
 * export is then held once, not twice. (A Buffer itself would not do: its `slice` shares memory,
 * so a callee's "copy" to transfer to a worker would detach the caller's bytes.)
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

function plainView(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export async function readBytes(path: string): Promise<Uint8Array> {
  return plainView(await readFile(path));
}

export function readBytesSync(path: string): Uint8Array {
  return plainView(readFileSync(path));
}

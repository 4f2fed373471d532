/**
 * The writer process the SIGKILL test kills (atomicWriteKill.test.ts): it saves versions 1, 2, 3…
 * of one large file through `writeFileAtomically` (with a `.bak`), forever, and says "writing" once
 * it has started. Each version carries its number and a SHA-256 of its body, so a reader can tell a
 * complete file from a torn one.
 */
import { createHash } from 'node:crypto';

import { writeFileAtomically } from '../atomicWrite';

/** `version N sha256 <hex>\n` then the body: `bytes` of a pattern that depends on N. */
export function versionContents(version: number, bytes: number): Buffer {
  const body = Buffer.alloc(bytes, `${version}:abcdefghijklmnopqrstuvwxyz;`);
  const header = `version ${version} sha256 ${createHash('sha256').update(body).digest('hex')}\n`;
  return Buffer.concat([Buffer.from(header), body]);
}

/** The version a file holds when it is complete; null when it is torn or not one of ours. */
export function completeVersion(contents: Buffer): number | null {
  const end = contents.indexOf(0x0a);
  const match = /^version (\d+) sha256 ([0-9a-f]{64})$/.exec(contents.subarray(0, end).toString());
  if (match === null) return null;
  const digest = createHash('sha256')
    .update(contents.subarray(end + 1))
    .digest('hex');
  return digest === match[2] ? Number(match[1]) : null;
}

async function main(): Promise<void> {
  const [target, size, first] = process.argv.slice(2);
  for (let version = Number(first); ; version++) {
    const contents = versionContents(version, Number(size));
    if (version === Number(first)) process.stdout.write('writing\n');
    await writeFileAtomically(target, contents, { keepBackup: true });
  }
}

if (process.argv[1]?.endsWith('killedWriter.mjs')) void main();

/**
 * Writes the corpus's small files into security/hostile-data/files/ (`npm run corpus`), so people
 * can open them in the app or hand them to `mmm inspect`. Large files, and names not every file
 * system takes (quotes, angle brackets), are made at test time only. hostileCorpus.test.ts checks the
 * committed files still match the corpus.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

import { COMMITTED_FILES } from './corpus';

const folder = new URL('./files/', import.meta.url);
mkdirSync(folder, { recursive: true });
for (const name of readdirSync(folder)) rmSync(new URL(name, folder));
for (const file of COMMITTED_FILES) writeFileSync(new URL(file.name, folder), file.bytes());
console.log(`corpus: ${COMMITTED_FILES.length} files in security/hostile-data/files/`);

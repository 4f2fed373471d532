#!/usr/bin/env node
// Runs the prebuilt CLI (dist-cli/, built by scripts/build-cli.mjs at `npm ci` / `npm run build:cli`).
// A checkout without that bundle, or with sources newer than it, runs the TypeScript through tsx
// instead (seconds slower per call) and says so once on stderr.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const bundle = new URL('dist-cli/mmm.mjs', root);

/** Why the bundle cannot be used, or null when it is current. */
function bundleProblem() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(new URL('dist-cli/inputs.json', root), 'utf8'));
    statSync(bundle);
  } catch {
    return 'no prebuilt CLI in dist-cli/';
  }
  for (const source of inputs.sources) {
    let modified;
    try {
      modified = statSync(new URL(source, root)).mtimeMs;
    } catch {
      continue; // an installed copy (e.g. a container image) ships the bundle without its sources
    }
    if (modified > inputs.builtAt) return `${source} is newer than dist-cli/`;
  }
  return null;
}

const problem = process.env.MMM_FROM_SOURCE === '1' ? 'MMM_FROM_SOURCE=1' : bundleProblem();
let main;
if (problem === null) {
  ({ main } = await import(bundle.href));
} else {
  if (process.env.MMM_FROM_SOURCE !== '1')
    process.stderr.write(`mmm: ${problem}; running from source (npm run build:cli makes it fast)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

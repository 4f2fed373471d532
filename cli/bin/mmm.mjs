#!/usr/bin/env node
// Runs the prebuilt CLI (dist-cli/, built by scripts/build-cli.mjs at `npm ci` / `npm run build:cli`).
// A checkout without that bundle, or with sources newer than it, runs the TypeScript through tsx
// instead (seconds slower per call) and says so on stderr; MMM_FROM_SOURCE=1 asks for that quietly.
import { bundleProblem } from './bundleState.mjs';

const root = new URL('../../', import.meta.url);
const fromSource = process.env.MMM_FROM_SOURCE === '1';
const problem = fromSource ? 'MMM_FROM_SOURCE=1' : bundleProblem(root);
let main;
if (problem === null) {
  ({ main } = await import(new URL('dist-cli/mmm.mjs', root).href));
} else {
  if (!fromSource)
    process.stderr.write(
      `mmm: ${problem}; running from source (npm run build:cli makes it fast)\n`,
    );
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

// Builds the Electron shell with esbuild:
//   electron/main.ts    → dist-electron/main.js     (ESM, Node target of Electron 45's Node 22)
//   electron/preload.ts → dist-electron/preload.cjs (one CommonJS file: a sandboxed preload cannot
//                                                    be ESM and may only require 'electron')
// Then checks that neither bundle requires anything but 'electron' and Node built-ins (main) or
// 'electron' alone (preload), since anything else would be missing at run time.
import { mkdir, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDirectory = path.join(root, 'dist-electron');
const production = process.env.NODE_ENV === 'production';

const common = {
  bundle: true,
  absWorkingDir: root,
  external: ['electron'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Every import left external in a bundle (esbuild's metafile lists them per output). */
function externalImports(metafile) {
  return Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
}

function assertOnly(label, imports, allowed) {
  const unexpected = [...new Set(imports)].filter((name) => !allowed(name));
  if (unexpected.length > 0) {
    throw new Error(`${label} must not require ${unexpected.join(', ')} at run time`);
  }
}

async function main() {
  const started = Date.now();
  await rm(outDirectory, { recursive: true, force: true });
  await mkdir(outDirectory, { recursive: true });

  const [mainResult, preloadResult] = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/main.ts')],
      outfile: path.join(outDirectory, 'main.js'),
      platform: 'node',
      format: 'esm',
      target: 'node22',
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload.ts')],
      outfile: path.join(outDirectory, 'preload.cjs'),
      // The sandboxed preload runs in the renderer: a browser with a tiny `require`.
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
    }),
  ]);

  assertOnly(
    'dist-electron/main.js',
    externalImports(mainResult.metafile),
    (name) => name === 'electron' || nodeBuiltins.has(name),
  );
  assertOnly(
    'dist-electron/preload.cjs',
    externalImports(preloadResult.metafile),
    (name) => name === 'electron',
  );

  const sizes = [mainResult, preloadResult]
    .flatMap((result) => Object.entries(result.metafile.outputs))
    .filter(([file]) => !file.endsWith('.map'))
    .map(
      ([file, output]) =>
        `${path.relative(root, path.resolve(root, file))} ${(output.bytes / 1024).toFixed(1)} KiB`,
    );
  console.log(`built ${sizes.join(', ')} in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(`build-electron failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

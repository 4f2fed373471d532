// Builds the `mmm` CLI once with esbuild, so a call starts in tens of milliseconds instead of
// compiling TypeScript through tsx every time (npm ci runs this as `prepare`; `npm run build:cli`).
//
//   cli/main.ts                  → dist-cli/mmm.mjs          (what cli/bin/mmm.mjs runs)
//   cli/workers/chainWorker.ts   → dist-cli/chainWorker.mjs  (one worker_threads worker per chain)
//   cli/batch/jobWorker.ts       → dist-cli/jobWorker.mjs    (one worker per `mmm batch` job)
//
// ESM with code splitting: each command is its own chunk, loaded only when that command runs, so
// `mmm --help` reads a few kilobytes. Every output sits in dist-cli/ itself, because the code finds
// its worker entries beside it (`new URL('./chainWorker.mjs', import.meta.url)`). Packages that load
// their own files at run time (duckdb-wasm and parquet-wasm: wasm binaries, worker scripts) stay in
// node_modules; everything else is bundled. dist-cli/inputs.json lists the project's source files
// that went in, so the launcher can tell a bundle older than its sources (then it runs them via tsx).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Loaded from node_modules at run time (they read wasm and worker files beside themselves). */
export const runtimePackages = ['@duckdb/duckdb-wasm', 'parquet-wasm'];
/** Only the development path (TypeScript worker entries under tsx) imports these. */
const developmentOnly = ['esbuild', 'tsx'];

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Bundles the CLI into `outDirectory` (default dist-cli/) and returns the files written with their
 * sizes in bytes. Throws when the bundle would need a package at run time that is not allowed.
 */
export async function buildCli(outDirectory = path.join(root, 'dist-cli')) {
  await rm(outDirectory, { recursive: true, force: true });
  await mkdir(outDirectory, { recursive: true });
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      mmm: 'cli/main.ts',
      chainWorker: 'cli/workers/chainWorker.ts',
      jobWorker: 'cli/batch/jobWorker.ts',
    },
    outdir: outDirectory,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...runtimePackages, ...developmentOnly],
    // Bundled CommonJS code (zod's, @noble's) may call require: give ESM chunks a real one.
    banner: {
      js: "import { createRequire as __mmmCreateRequire } from 'node:module'; const require = __mmmCreateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });

  const externals = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
  const allowed = (name) =>
    nodeBuiltins.has(name) ||
    [...runtimePackages, ...developmentOnly].some(
      (pkg) => name === pkg || name.startsWith(`${pkg}/`),
    );
  const unexpected = [...new Set(externals)].filter((name) => !allowed(name));
  if (unexpected.length > 0)
    throw new Error(`dist-cli must not import ${unexpected.join(', ')} at run time`);

  const sources = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith('node_modules/'))
    .sort();
  await writeFile(
    path.join(outDirectory, 'inputs.json'),
    `${JSON.stringify({ builtAt, sources }, null, 1)}\n`,
  );
  return Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith('.map'))
    .map(([file, output]) => ({
      file: path.relative(root, path.resolve(root, file)),
      bytes: output.bytes,
    }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  buildCli()
    .then((files) => {
      const total = files.reduce((sum, file) => sum + file.bytes, 0);
      console.log(
        `built dist-cli/ (${files.length} files, ${(total / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`,
      );
    })
    .catch((error) => {
      console.error(`build-cli failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}

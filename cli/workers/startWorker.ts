/**
 * Starts a worker_threads worker from an entry module beside the caller, wherever the CLI runs from:
 * the prebuilt bundle (dist-cli/, scripts/build-cli.mjs), where every entry is an `.mjs` file beside
 * the chunk that asks for it, or the TypeScript sources (tests, `tsx`, a dev checkout without a
 * bundle), where a worker cannot load `.ts` by itself.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The URL of worker entry `name` beside the module at `moduleUrl` (pass `import.meta.url`):
 * `name.ts` when that module is TypeScript source, `name.mjs` in the bundle.
 */
export function workerEntry(name: string, moduleUrl: string): URL {
  // The pathname: tsx's tsImport gives modules URLs with a query (`…/x.ts?tsx-namespace=…`).
  const source = new URL(moduleUrl).pathname.endsWith('.ts');
  return new URL(`./${name}${source ? '.ts' : '.mjs'}`, moduleUrl);
}

/**
 * How a TypeScript entry becomes runnable. 'bundle': esbuild bundles it once per process into one
 * CommonJS script that every such worker evals (tens of milliseconds per worker instead of a second
 * or more for tsx to boot inside each); only for entries that do not use `import.meta`. 'tsx': a tiny
 * eval'd bootstrap loads the entry through tsx's `tsImport` (slower to start, but the entry keeps
 * its own `import.meta.url`, so it can start workers of its own).
 */
export type SourceLoader = 'bundle' | 'tsx';

const bundles = new Map<string, Promise<string | undefined>>();

async function bundleEntry(path: string): Promise<string | undefined> {
  try {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [path],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    return built.outputFiles[0]?.text;
  } catch {
    return undefined;
  }
}

function tsxBootstrap(entry: URL): string {
  // tsx's `exports` maps the ESM `import` of 'tsx/esm/api' to dist/esm/api/index.mjs; require.resolve
  // would pick the CJS twin, which cannot be imported from an eval'd (CommonJS) worker script.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
}

export async function startWorker(
  entry: URL,
  options: { readonly sourceLoader?: SourceLoader; readonly workerData?: unknown } = {},
): Promise<Worker> {
  const workerData = options.workerData;
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  if ((options.sourceLoader ?? 'bundle') === 'bundle') {
    const path = fileURLToPath(entry);
    if (!bundles.has(path)) bundles.set(path, bundleEntry(path));
    const source = await bundles.get(path);
    if (source) return new Worker(source, { eval: true, workerData });
  }
  return new Worker(tsxBootstrap(entry), { eval: true, workerData });
}

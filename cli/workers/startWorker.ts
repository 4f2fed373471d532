/**
 * Starts a worker_threads worker from a TypeScript entry. Workers cannot load .ts by themselves:
 * the entry is bundled once per process (per entry) with esbuild (tsx's own dependency) into one
 * CommonJS script that every worker evals — starting a worker then costs tens of milliseconds
 * instead of a second or more for tsx to boot and transpile the module graph inside each worker. If
 * esbuild is unavailable, a tiny eval'd bootstrap loads the entry through tsx's `tsImport`. A
 * compiled .js entry is started directly.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const bundled = new Map<string, Promise<string | undefined>>();

async function bundleWorkerEntry(entry: URL): Promise<string | undefined> {
  try {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [fileURLToPath(entry)],
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

export async function startWorker(
  entry: URL,
  options: Pick<WorkerOptions, 'workerData'> = {},
): Promise<Worker> {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  let source = bundled.get(entry.href);
  if (!source) bundled.set(entry.href, (source = bundleWorkerEntry(entry)));
  const script = await source;
  if (script) return new Worker(script, { ...options, eval: true });
  // tsx's `exports` maps the ESM `import` of 'tsx/esm/api' to dist/esm/api/index.mjs; require.resolve
  // would pick the CJS twin, which cannot be imported from an eval'd (CommonJS) worker script.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}

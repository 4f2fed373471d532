import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runChainsInPool, type PoolWorker } from '../../models/inference/chainPool';
import type { ChainRunner } from '../../models/inference/chains';

export interface NodeChainRunnerOptions {
  /** Chains running at once (default: the machine's available parallelism). */
  readonly maxConcurrency?: number;
}

const workerEntry = new URL('./chainWorker.ts', import.meta.url);

/**
 * How a worker gets its code. Workers cannot load .ts by themselves: the entry is bundled once per
 * process with esbuild (tsx's own dependency) into one CommonJS script that every worker evals —
 * starting a worker then costs tens of milliseconds instead of a second or more for tsx to boot and
 * transpile the module graph inside each worker. If esbuild is unavailable, a tiny eval'd bootstrap
 * loads the entry through tsx's `tsImport`. A compiled .js entry is started directly.
 */
let bundledSource: Promise<string | undefined> | undefined;

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

async function startWorker(entry: URL): Promise<Worker> {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  bundledSource ??= bundleWorkerEntry(entry);
  const source = await bundledSource;
  if (source) return new Worker(source, { eval: true });
  // tsx's `exports` maps the ESM `import` of 'tsx/esm/api' to dist/esm/api/index.mjs; require.resolve
  // would pick the CJS twin, which cannot be imported from an eval'd (CommonJS) worker script.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { eval: true });
}

/** Adapts a worker_threads Worker to the pool's interface. */
function poolWorker(worker: Worker): PoolWorker {
  return {
    send: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', (code) =>
        onFailure(new Error(`worker exited with code ${code} before finishing`)),
      );
    },
    terminate: () => void worker.terminate(),
  };
}

/**
 * Runs each chain in its own worker_threads worker (at most `maxConcurrency` at once), through the
 * same `runChainRequest` as the in-process runner, so draws are bit-identical. Aborting the signal
 * terminates every worker and rejects with an AbortError; a failing chain terminates the others and
 * rejects with that chain's error.
 */
export function createNodeChainRunner(options: NodeChainRunnerOptions = {}): ChainRunner {
  const maxConcurrency = options.maxConcurrency ?? availableParallelism();
  return {
    run: (request, runOptions = {}) =>
      runChainsInPool(request, runOptions, {
        startWorker: async () => poolWorker(await startWorker(workerEntry)),
        maxConcurrency,
      }),
  };
}

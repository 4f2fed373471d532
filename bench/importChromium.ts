/**
 * bench:import's third engine: the app's own data engine in Chromium (Debian's, as the end-to-end
 * tests use). Electron runs duckdb-wasm in Chromium's V8, which is much newer than Node 20's; the
 * `wasm` engine (duckdb-wasm in Node) measures the same code on the older V8.
 *
 * `buildChromiumBench` builds bench/browser/import.html with Vite once; `runChromiumCase` serves it
 * from 127.0.0.1 (no network beyond), launches a fresh headless Chromium per case, picks the files
 * through the page's file inputs (so the page reads them as the app reads a picked file) and runs
 * the warm-up and the timed import there. CPU seconds are those of every process of that Chromium
 * during the timed region; peak RSS is the renderer's (the page, its DuckDB and Parquet workers).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../e2e/helpers/chromiumLaunch';
import type { BrowserCaseTiming, ImportBenchPage } from './browser/importBenchTypes';

export const CHROMIUM = chromiumLaunch.executablePath;

/** Builds the bench page into `outDir` (Vite, the app's own bundles of duckdb-wasm and parquet-wasm). */
export function buildChromiumBench(outDir: string): void {
  const config = fileURLToPath(new URL('./browser/vite.config.ts', import.meta.url));
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const result = spawnSync(process.execPath, [vite, 'build', '--config', config], {
    encoding: 'utf8',
    env: { ...process.env, MMM_BENCH_BROWSER_OUT: outDir },
  });
  if (result.status !== 0 || !existsSync(join(outDir, 'import.html')))
    throw new Error(`building the Chromium bench page failed: ${result.stderr.slice(-500)}`);
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
};

export function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(join(root, new URL(request.url ?? '/', 'http://bench').pathname));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface ProcessSample {
  readonly cpuSeconds: number;
  readonly rendererPeakMb: number;
}

/** Every descendant process of this one (Playwright starts Chromium as our child; /proc only). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const found: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      found.push(child);
      stack.push(child);
    }
  }
  return found;
}

/** CPU seconds of Chromium's processes (all our descendants) and the renderers' peak RSS. */
function sampleProcesses(): ProcessSample {
  let cpuSeconds = 0;
  let rendererPeakMb = 0;
  for (const pid of descendants(process.pid)) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('chrom')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuSeconds += (Number(fields[11]) + Number(fields[12])) / 100;
      if (command.includes('--type=renderer')) {
        const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (peak) rendererPeakMb = Math.max(rendererPeakMb, Number(peak[1]) / 1024);
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return { cpuSeconds, rendererPeakMb };
}

export interface ChromiumCaseResult extends BrowserCaseTiming {
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

export async function runChromiumCase(
  pageDir: string,
  paths: readonly string[],
  warmupPaths: readonly string[],
): Promise<ChromiumCaseResult> {
  const server = await serve(pageDir);
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/import.html`);
    await page.waitForFunction(
      () => typeof (globalThis as unknown as Partial<ImportBenchPage>).timedImport === 'function',
    );
    if (warmupPaths.length > 0) await page.setInputFiles('#warmup', [...warmupPaths]);
    await page.setInputFiles('#files', [...paths]);
    const prepared = await page.evaluate(() =>
      (globalThis as unknown as ImportBenchPage).prepareImport(),
    );
    const before = sampleProcesses();
    const timed = await page.evaluate(() =>
      (globalThis as unknown as ImportBenchPage).timedImport(),
    );
    const after = sampleProcesses();
    if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);
    return {
      ...prepared,
      ...timed,
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      peakRssMb: after.rendererPeakMb,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

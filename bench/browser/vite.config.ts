import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** Builds bench/browser/import.html (the app's data engine in a page) for `bench/import.ts`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: process.env.MMM_BENCH_BROWSER_OUT ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 5000,
    rollupOptions: { input: fileURLToPath(new URL('./import.html', import.meta.url)) },
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
});

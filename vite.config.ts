import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './electron/contentSecurityPolicy';

const { version } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as { version: string };

/**
 * The built index.html carries the app's CSP as its first `<meta>` too, so the policy holds wherever
 * dist/ is served (and static checks such as electronegativity see it). Build only: the dev server's
 * hot reload needs what the policy forbids.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Builds the renderer (renderer/) into dist/. `base: './'` because the same build is served
 * by `vite preview` in the browser and from Electron's custom app:// scheme.
 */
export default defineConfig({
  root: '.',
  base: './',
  plugins: [vue(), contentSecurityPolicyMeta()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // duckdb-wasm (~30 MB of wasm) and parquet-wasm are files, not inlined data URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  server: { host: '127.0.0.1' },
  // `npm run web` and the end-to-end tests: the same headers as the desktop's app:// handler.
  preview: { host: '127.0.0.1', headers: { ...SECURITY_HEADERS } },
});

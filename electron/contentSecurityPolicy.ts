/**
 * The Content-Security-Policy sent with every `app://` response.
 *
 * - `script-src 'self' 'wasm-unsafe-eval'`: our bundles plus WebAssembly compilation (DuckDB,
 *   parquet-wasm) without allowing `eval` of strings.
 * - `worker-src 'self' blob:`: model and DuckDB workers; duckdb-wasm may start its worker from a blob URL.
 * - `connect-src 'self'`: fetches of our own .wasm and sample files only; nothing leaves the machine.
 * - `style-src 'unsafe-inline'`: ECharts (and Vue `:style` bindings) set `style` attributes on
 *   elements, which CSP counts as inline styles; scripts stay strict.
 * - `default-src 'none'` closes everything else (objects, frames, media, base-uri fallbacks).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
].join('; ');

/**
 * Headers every response of the app carries, errors included: from `app://` in the desktop app, and
 * from `vite preview` in browser mode (`npm run web`, the end-to-end tests), so the tests run the
 * renderer under the policy the desktop enforces.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

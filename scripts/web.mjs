#!/usr/bin/env node
// Builds the renderer and serves dist/ on http://127.0.0.1:$PORT (default 4173), offline, with the
// desktop's security headers (CSP, nosniff: vite.config.ts `preview.headers`, from
// electron/contentSecurityPolicy.ts), so browser mode and the end-to-end tests run under the policy.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '4173';
if (!/^\d{2,5}$/.test(port)) {
  console.error(`web: PORT must be a number, got "${port}"`);
  process.exit(2);
}
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');

/** Runs vite with the given arguments; resolves to its exit code. */
function runVite(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vite, ...args], { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`web: could not start vite: ${error.message}`);
      resolve(1);
    });
  });
}

const built = await runVite(['build']);
if (built !== 0) process.exit(built);
console.log(`web: serving dist/ on http://127.0.0.1:${port}/`);
process.exit(await runVite(['preview', '--host', '127.0.0.1', '--port', port, '--strictPort']));

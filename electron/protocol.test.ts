import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { FALLBACK_MIME_TYPE, mimeTypeFor } from './mimeTypes';
import {
  type AppRequest,
  appSchemePrivileges,
  registerAppProtocol,
  serveAppRequest,
} from './protocol';

let sandbox: string;
let root: string;
const secret = 'top secret outside the app root';
const wasmBytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

beforeAll(async () => {
  sandbox = await mkdtemp(nodePath.join(tmpdir(), 'workbench-protocol-'));
  root = nodePath.join(sandbox, 'dist');
  await mkdir(nodePath.join(root, 'assets'), { recursive: true });
  await writeFile(nodePath.join(root, 'index.html'), '<!doctype html><title>MMM Workbench</title>');
  await writeFile(nodePath.join(root, 'assets', 'app.js'), 'export const answer = 42;');
  await writeFile(nodePath.join(root, 'assets', 'duckdb.wasm'), wasmBytes);
  await writeFile(nodePath.join(sandbox, 'secret.txt'), secret);
  await symlink(nodePath.join(sandbox, 'secret.txt'), nodePath.join(root, 'assets', 'escape.txt'));
  await symlink(sandbox, nodePath.join(root, 'assets', 'escape-folder'));
  await symlink(nodePath.join(root, 'assets', 'app.js'), nodePath.join(root, 'alias.js'));
});

afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

const get = (url: string) => serveAppRequest({ url, method: 'GET' }, root);

describe('serveAppRequest', () => {
  it('serves index.html for the app root with its type and the CSP', async () => {
    const response = await get('app://workbench/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>MMM Workbench</title>');
  });

  it('serves scripts and WebAssembly byte-exact with the types browsers require', async () => {
    const script = await get('app://workbench/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const answer = 42;');

    const wasm = await get('app://workbench/assets/duckdb.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('content-length')).toBe(String(wasmBytes.length));
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(wasmBytes);
  });

  it('answers 404 for missing files and folders, still with the CSP', async () => {
    for (const url of ['app://workbench/missing.js', 'app://workbench/assets']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('never serves a file outside the root, however the path is spelled', async () => {
    const attempts = [
      'app://workbench/../secret.txt',
      'app://workbench/%2e%2e/secret.txt',
      'app://workbench/assets/%2E%2E/%2E%2E/secret.txt',
      'app://workbench/..%2fsecret.txt',
      'app://workbench/assets/..%2F..%2Fsecret.txt',
      'app://workbench/..%5csecret.txt',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).not.toBe(200);
      expect(await response.text(), url).not.toContain(secret);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses symlinks that escape the root (403) but follows ones that stay inside', async () => {
    const escape = await get('app://workbench/assets/escape.txt');
    expect(escape.status).toBe(403);
    expect(await escape.text()).not.toContain(secret);

    const throughFolder = await get('app://workbench/assets/escape-folder/secret.txt');
    expect(throughFolder.status).toBe(403);
    expect(await throughFolder.text()).not.toContain(secret);

    const alias = await get('app://workbench/alias.js');
    expect(alias.status).toBe(200);
    expect(await alias.text()).toBe('export const answer = 42;');
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await serveAppRequest({ url: 'app://workbench/index.html', method: 'HEAD' }, root);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await serveAppRequest({ url: 'app://workbench/index.html', method: 'POST' }, root);
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers only its own host', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });
});

describe('registerAppProtocol', () => {
  it('handles the app scheme by serving from the root', async () => {
    const handlers = new Map<string, (request: AppRequest) => Response | Promise<Response>>();
    registerAppProtocol({ handle: (scheme, handler) => handlers.set(scheme, handler) }, root);
    expect([...handlers.keys()]).toEqual(['app']);
    const handler = handlers.get('app');
    if (handler === undefined) throw new Error('no handler for app:');
    const response = await handler({ url: 'app://workbench/assets/app.js', method: 'GET' });
    expect(await response.text()).toBe('export const answer = 42;');
  });

  it('registers the scheme as standard, secure and fetch-capable, without bypassing CSP', () => {
    expect(appSchemePrivileges.scheme).toBe('app');
    expect(appSchemePrivileges.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
      bypassCSP: false,
      allowServiceWorkers: false,
    });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it('closes everything by default and allows scripts only from self plus wasm compilation', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('font-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('never allows string eval or remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['duckdb-eh.wasm', 'application/wasm'],
    ['DUCKDB.WASM', 'application/wasm'],
    ['manifest.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['inter.woff2', 'font/woff2'],
    ['weekly.parquet', 'application/vnd.apache.parquet'],
    ['/dir.with.dot/README', FALLBACK_MIME_TYPE],
    ['archive.unknown', FALLBACK_MIME_TYPE],
  ])('%s → %s', (name, type) => {
    expect(mimeTypeFor(name)).toBe(type);
  });
});

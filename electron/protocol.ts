/**
 * The `app://workbench/` protocol: serves the built renderer (dist/) with a CSP on every response.
 * Registered privileged (standard, secure, fetch, streams) before `app.ready`, handled after.
 */
import { readFile, realpath, stat } from 'node:fs/promises';

import type { CustomScheme } from 'electron';

import { isInside, resolveAppRequestPath } from './appRequestPath';
import { APP_SCHEME } from './appUrl';
import { SECURITY_HEADERS } from './contentSecurityPolicy';
import { mimeTypeFor } from './mimeTypes';

/**
 * `standard` gives real origins and relative URL resolution; `secure` makes it a secure context
 * (needed for workers, WebAssembly streaming, crypto.subtle); `supportFetchAPI`/`corsEnabled` let
 * `fetch` and module workers load our files; `codeCache` speeds up reloading large bundles.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    stream: true,
    codeCache: true,
    allowServiceWorkers: false,
    bypassCSP: false,
  },
};

/** Headers every response carries, errors included. */
export function securityHeaders(): Record<string, string> {
  return { ...SECURITY_HEADERS };
}

export interface AppRequest {
  url: string;
  method: string;
}

/**
 * Answers one request from files under `root`: 405 for anything but GET/HEAD, the lexical checks of
 * `resolveAppRequestPath`, then a real-path check so a symlink inside dist/ cannot point outside it
 * (403), 404 when missing or not a regular file.
 */
export async function serveAppRequest(request: AppRequest, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return textResponse(405, 'Method not allowed');
  }
  const resolved = resolveAppRequestPath(request.url, root);
  if (!resolved.ok) return textResponse(resolved.status, resolved.reason);

  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(resolved.filePath);
  } catch {
    return textResponse(404, 'Not found');
  }
  if (!isInside(realRoot, realFile)) return textResponse(403, 'Outside the app root');

  try {
    const info = await stat(realFile);
    if (!info.isFile()) return textResponse(404, 'Not found');
    const headers = {
      ...securityHeaders(),
      'Content-Type': mimeTypeFor(realFile),
      'Content-Length': String(info.size),
    };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    const bytes = await readFile(realFile);
    return new Response(bytes, { status: 200, headers });
  } catch {
    return textResponse(404, 'Not found');
  }
}

/** The slice of Electron's `protocol` module used after `app.ready` (its handler gets a `Request`). */
export interface ProtocolHandlerRegistry {
  handle(scheme: string, handler: (request: AppRequest) => Response | Promise<Response>): void;
}

export function registerAppProtocol(protocol: ProtocolHandlerRegistry, root: string): void {
  protocol.handle(APP_SCHEME, (request) =>
    serveAppRequest({ url: request.url, method: request.method }, root),
  );
}

function textResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Maps an `app://workbench/…` request URL to a file path under the app root (dist/), lexically.
 *
 * Rules, in order:
 * 1. the URL must parse, use the `app:` scheme and the `workbench` host (else 404);
 * 2. each path segment is percent-decoded on its own; a segment that fails to decode is a 400, and
 *    one that decodes to `.`, `..`, or contains `/`, `\`, `:` or NUL is a 403 — so `%2e%2e`,
 *    `..%2f..` and `..%5c..` cannot climb out even if a URL parser left them in place;
 * 3. an empty path or one ending in `/` serves that folder's `index.html`;
 * 4. the joined path must still lie inside the root (`path.relative` is neither `..`, `../…` nor
 *    absolute), else 403.
 * Symlinks are not resolved here (this is pure); `serveAppRequest` re-checks the real path.
 *
 * Example: resolveAppRequestPath('app://workbench/assets/a.js', '/opt/app/dist')
 *   → { ok: true, filePath: '/opt/app/dist/assets/a.js' }
 */
import nodePath from 'node:path';

import { APP_HOST, APP_SCHEME } from './appUrl';

export type ResolvedAppRequest =
  { ok: true; filePath: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/** The slice of `node:path` used, so Windows rules can be tested on any machine (`path.win32`). */
export type PathApi = Pick<typeof nodePath, 'join' | 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

const FORBIDDEN_IN_SEGMENT = /[/\\:\0]/;

export function resolveAppRequestPath(
  requestUrl: string,
  root: string,
  pathApi: PathApi = nodePath,
): ResolvedAppRequest {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 404, reason: `not a URL: ${requestUrl}` };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 404, reason: `not on ${APP_SCHEME}://${APP_HOST}/: ${requestUrl}` };
  }

  const rawSegments = url.pathname.split('/').filter((segment) => segment !== '');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: `malformed percent-encoding in ${url.pathname}` };
    }
    if (segment === '.' || segment === '..' || FORBIDDEN_IN_SEGMENT.test(segment)) {
      return { ok: false, status: 403, reason: `path segment not allowed: ${raw}` };
    }
    segments.push(segment);
  }
  if (segments.length === 0 || url.pathname.endsWith('/')) segments.push('index.html');

  const resolvedRoot = pathApi.resolve(root);
  const filePath = pathApi.resolve(pathApi.join(resolvedRoot, ...segments));
  if (!isInside(resolvedRoot, filePath, pathApi)) {
    return { ok: false, status: 403, reason: `outside the app root: ${url.pathname}` };
  }
  return { ok: true, filePath };
}

/** True when `candidate` is `root` itself or below it. */
export function isInside(root: string, candidate: string, pathApi: PathApi = nodePath): boolean {
  const relative = pathApi.relative(root, candidate);
  const climbs = relative === '..' || relative.startsWith(`..${pathApi.sep}`);
  return !climbs && !pathApi.isAbsolute(relative);
}

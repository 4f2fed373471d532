import nodePath from 'node:path';

import { describe, expect, it } from 'vitest';

import { isInside, resolveAppRequestPath } from './appRequestPath';

const root = '/opt/workbench/dist';

function resolvedPath(url: string): string {
  const result = resolveAppRequestPath(url, root, nodePath.posix);
  if (!result.ok)
    throw new Error(`expected ${url} to resolve, got ${result.status} ${result.reason}`);
  return result.filePath;
}

function refusal(url: string, pathApi = nodePath.posix) {
  const result = resolveAppRequestPath(url, root, pathApi);
  if (result.ok) throw new Error(`expected ${url} to be refused, got ${result.filePath}`);
  return result;
}

describe('resolveAppRequestPath', () => {
  it('maps app paths to files under the root', () => {
    expect(resolvedPath('app://workbench/assets/index-abc.js')).toBe(
      '/opt/workbench/dist/assets/index-abc.js',
    );
    expect(resolvedPath('app://workbench/assets/duckdb-eh.wasm?v=1#x')).toBe(
      '/opt/workbench/dist/assets/duckdb-eh.wasm',
    );
  });

  it('serves index.html for the root and for folder URLs', () => {
    expect(resolvedPath('app://workbench/')).toBe('/opt/workbench/dist/index.html');
    expect(resolvedPath('app://workbench')).toBe('/opt/workbench/dist/index.html');
    expect(resolvedPath('app://workbench/docs/')).toBe('/opt/workbench/dist/docs/index.html');
  });

  it('decodes percent-encoded names', () => {
    expect(resolvedPath('app://workbench/sample%20data/weekly.csv')).toBe(
      '/opt/workbench/dist/sample data/weekly.csv',
    );
  });

  it('keeps dot-dot traversal inside the root, whether literal or encoded', () => {
    // The URL parser collapses these; whatever it leaves, the result must stay under the root.
    for (const url of [
      'app://workbench/../../etc/passwd',
      'app://workbench/assets/../../../etc/passwd',
      'app://workbench/%2e%2e/%2e%2e/etc/passwd',
      'app://workbench/%2E%2E/etc/passwd',
      'app://workbench/.%2e/.%2E/etc/passwd',
    ]) {
      const result = resolveAppRequestPath(url, root, nodePath.posix);
      if (result.ok) expect(isInside(root, result.filePath, nodePath.posix), url).toBe(true);
    }
  });

  it('refuses segments that decode to separators, dot-dot or NUL', () => {
    expect(refusal('app://workbench/..%2f..%2fetc%2fpasswd').status).toBe(403);
    expect(refusal('app://workbench/assets/..%2F..%2F..%2Fetc%2Fpasswd').status).toBe(403);
    expect(refusal('app://workbench/..%5c..%5cwindows%5cwin.ini').status).toBe(403);
    expect(refusal('app://workbench/index.html%00.png').status).toBe(403);
  });

  it('decodes only once, so double-encoded dot-dot stays a literal file name', () => {
    expect(resolvedPath('app://workbench/%252e%252e/x')).toBe('/opt/workbench/dist/%2e%2e/x');
  });

  it('refuses malformed percent-encoding with 400', () => {
    expect(refusal('app://workbench/%E0%A4%A').status).toBe(400);
    expect(refusal('app://workbench/%zz').status).toBe(400);
  });

  it('refuses other hosts and schemes with 404', () => {
    expect(refusal('app://evil/index.html').status).toBe(404);
    expect(refusal('app://workbench.evil.example/index.html').status).toBe(404);
    expect(refusal('file:///etc/passwd').status).toBe(404);
    expect(refusal('https://workbench/index.html').status).toBe(404);
    expect(refusal('not a url').status).toBe(404);
  });

  it('refuses drive letters and backslashes under Windows path rules', () => {
    const windowsRoot = 'C:\\Program Files\\Workbench\\dist';
    const drive = resolveAppRequestPath(
      'app://workbench/C:%5CWindows%5Cwin.ini',
      windowsRoot,
      nodePath.win32,
    );
    expect(drive.ok).toBe(false);
    const stream = resolveAppRequestPath(
      'app://workbench/index.html:secret',
      windowsRoot,
      nodePath.win32,
    );
    expect(stream.ok).toBe(false);
    const fine = resolveAppRequestPath('app://workbench/assets/a.js', windowsRoot, nodePath.win32);
    expect(fine).toEqual({
      ok: true,
      filePath: 'C:\\Program Files\\Workbench\\dist\\assets\\a.js',
    });
  });
});

describe('isInside', () => {
  it('accepts the root and its descendants, including names that merely start with dots', () => {
    expect(isInside('/a/dist', '/a/dist', nodePath.posix)).toBe(true);
    expect(isInside('/a/dist', '/a/dist/x/y.js', nodePath.posix)).toBe(true);
    expect(isInside('/a/dist', '/a/dist/..hidden', nodePath.posix)).toBe(true);
  });

  it('rejects parents, siblings sharing a prefix and other drives', () => {
    expect(isInside('/a/dist', '/a', nodePath.posix)).toBe(false);
    expect(isInside('/a/dist', '/a/dist-other/x', nodePath.posix)).toBe(false);
    expect(isInside('C:\\app\\dist', 'D:\\app\\dist\\x', nodePath.win32)).toBe(false);
  });
});

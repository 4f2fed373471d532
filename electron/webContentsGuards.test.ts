import { EventEmitter } from 'node:events';

import { describe, expect, it, vi } from 'vitest';

import { isAppUrl, isExternalHttpsUrl } from './appUrl';
import {
  denyAllPermissions,
  guardWebContents,
  type NavigationEvent,
  type PermissionSession,
  type PreventableEvent,
} from './webContentsGuards';

/** A web contents stand-in: a real event emitter plus the window-open handler slot. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits like Electron does and reports whether a listener called preventDefault. */
  dispatch(name: string, url = ''): boolean {
    let prevented = false;
    const event: NavigationEvent & PreventableEvent = {
      url,
      preventDefault: () => (prevented = true),
    };
    this.emit(name, event, url);
    return prevented;
  }
}

function guarded() {
  const contents = new FakeWebContents();
  const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
  guardWebContents(contents, shell);
  return { contents, shell };
}

describe('guardWebContents', () => {
  it('allows navigation within app://workbench/ and blocks everything else', () => {
    const { contents } = guarded();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.dispatch(event, 'app://workbench/index.html#/results'), event).toBe(false);
      expect(contents.dispatch(event, 'https://example.com/'), event).toBe(true);
      expect(contents.dispatch(event, 'file:///etc/passwd'), event).toBe(true);
      expect(contents.dispatch(event, 'app://other/index.html'), event).toBe(true);
      expect(contents.dispatch(event, 'javascript:alert(1)'), event).toBe(true);
      expect(contents.dispatch(event, 'not a url'), event).toBe(true);
    }
  });

  it('prevents every <webview> from attaching', () => {
    const { contents } = guarded();
    expect(contents.dispatch('will-attach-webview')).toBe(true);
  });

  it('denies every new window and sends only https links to the OS browser', () => {
    const { contents, shell } = guarded();
    const handler = contents.windowOpenHandler;
    if (handler === undefined) throw new Error('no window-open handler was set');
    for (const url of [
      'https://example.com/docs',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://workbench/index.html',
      'smb://server/share',
    ]) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/docs']]);
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    let requestHandler: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let checkHandler: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler) => (checkHandler = handler),
    });
    if (requestHandler === undefined || checkHandler === undefined)
      throw new Error('handlers were not set');
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'hid',
    ]) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    expect(checkHandler()).toBe(false);
  });
});

describe('app URLs', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://workbench/')).toBe(true);
    expect(isAppUrl('app://workbench/assets/a.js?x=1')).toBe(true);
    expect(isAppUrl('app://workbench.evil.example/')).toBe(false);
    expect(isAppUrl('app://evil/workbench/')).toBe(false);
    expect(isAppUrl('https://workbench/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });

  it('treats only https as external', () => {
    expect(isExternalHttpsUrl('https://example.com')).toBe(true);
    expect(isExternalHttpsUrl('http://example.com')).toBe(false);
    expect(isExternalHttpsUrl('mailto:someone@example.com')).toBe(false);
  });
});

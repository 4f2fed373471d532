/**
 * Denials applied to every web contents the app creates (wired in main.ts on
 * `app.on('web-contents-created')`, so even a contents we did not expect is covered):
 * - navigation and redirects may not leave `app://workbench/` (`will-navigate`, `will-redirect`,
 *   `will-frame-navigate`);
 * - `window.open` and `target=_blank` never open a window; an https link goes to the OS browser;
 * - `<webview>` may never attach;
 * and to the session: every permission request and check is refused.
 */
import { isAppUrl, isExternalHttpsUrl } from './appUrl';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

/** The slice of Electron's `WebContents` the guards attach to. */
export interface GuardableWebContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: NavigationEvent) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

export function preventNavigationAwayFromApp(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

export function preventWebviewAttach(event: PreventableEvent): void {
  event.preventDefault();
}

/** Always denies the new window; an https URL is handed to the OS browser instead. */
export function windowOpenHandler(
  shell: ExternalOpener,
): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    if (isExternalHttpsUrl(url)) void shell.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  };
}

export function guardWebContents(contents: GuardableWebContents, shell: ExternalOpener): void {
  contents.on('will-navigate', preventNavigationAwayFromApp);
  contents.on('will-redirect', preventNavigationAwayFromApp);
  contents.on('will-frame-navigate', preventNavigationAwayFromApp);
  contents.on('will-attach-webview', preventWebviewAttach);
  contents.setWindowOpenHandler(windowOpenHandler(shell));
}

/** The slice of Electron's `Session` whose permission handlers we set. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** The workbench needs no camera, microphone, notifications, geolocation, HID, … : refuse all. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

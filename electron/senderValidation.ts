/**
 * Every IPC call must come from the app itself: the main window's web contents, its top-level
 * frame (not an iframe), with that frame showing a page on `app://workbench/`. Anything else —
 * another window, a subframe, a page that navigated elsewhere, a destroyed frame — is refused.
 */
import { APP_ORIGIN, isAppUrl } from './appUrl';
import { ShellError } from './shellError';

/** The slice of Electron's `IpcMainInvokeEvent` that identifies the caller. */
export interface InvokeEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export function checkSender(event: InvokeEvent, mainWebContentsId: number | undefined): void {
  const frame = event.senderFrame;
  if (frame === null)
    throw new ShellError(
      'forbidden-sender',
      'Request refused: the sending frame no longer exists.',
    );
  if (mainWebContentsId === undefined || event.sender.id !== mainWebContentsId) {
    throw new ShellError(
      'forbidden-sender',
      'Request refused: it did not come from the workbench window.',
    );
  }
  if (frame.parent !== null) {
    throw new ShellError(
      'forbidden-sender',
      'Request refused: it came from an embedded frame, not the workbench page.',
    );
  }
  if (!isAppUrl(frame.url)) {
    throw new ShellError(
      'forbidden-sender',
      `Request refused: the sending page is not on ${APP_ORIGIN}/.`,
    );
  }
}

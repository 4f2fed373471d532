/** Web Worker that stores the autosaved session's entries (renderer/platform/browserSession.ts). */
import {
  writeSessionEntry,
  type SessionWrite,
  type SessionWritten,
} from '../platform/browserSession';

// One write at a time, in the order posted: an entry's delete never overtakes its earlier write.
let queue: Promise<void> = Promise.resolve();

self.addEventListener('message', (event: MessageEvent<SessionWrite>) => {
  const { id, key, bytes } = event.data;
  queue = queue.then(async () => {
    const text = bytes === null ? null : new TextDecoder().decode(bytes);
    const result = await writeSessionEntry(key, text);
    self.postMessage({ id, result } satisfies SessionWritten);
  });
});

/** Web Worker entry that hashes imported data files (renderer/fit/fileDigests.ts). */
import { handleDigestMessage, type DigestRequest } from '../fit/fileDigests';
import type { OneShotRun } from './oneShotWorker';

self.addEventListener('message', (event: MessageEvent<OneShotRun<readonly DigestRequest[]>>) => {
  handleDigestMessage(event.data, (reply) => self.postMessage(reply));
});

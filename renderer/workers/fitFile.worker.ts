/** Web Worker entry that opens and writes fit result files (renderer/fit/fitFiles.ts). */
import { handleFitFileMessage, type FitFileRequest } from '../fit/fitFiles';
import type { OneShotRun } from './oneShotWorker';

self.addEventListener('message', (event: MessageEvent<OneShotRun<FitFileRequest>>) => {
  handleFitFileMessage(event.data, (reply) => self.postMessage(reply));
});

/**
 * What the DML worker does with a message, as a plain function so tests can drive it through a
 * stand-in worker: run `estimateDml`, post progress at most every `PROGRESS_INTERVAL_MS` (and
 * the last one), then the result, or the error flattened.
 */
import { estimateDml } from '../../models/causal';
import { flattenError, type FromDmlWorker, type ToDmlWorker } from './dmlProtocol';

export const PROGRESS_INTERVAL_MS = 100;

export function handleDmlMessage(
  message: ToDmlWorker,
  post: (message: FromDmlWorker) => void,
): void {
  if (message.type !== 'run') return;
  let lastPost = 0;
  try {
    const result = estimateDml(message.input, {
      onProgress: (progress) => {
        const now = Date.now();
        if (now - lastPost < PROGRESS_INTERVAL_MS && progress.done + 1 < progress.total) return;
        lastPost = now;
        post({ type: 'progress', progress });
      },
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', error: flattenError(error) });
  }
}

/**
 * A stand-in DML worker for tests: runs the real worker handler on this thread and delivers its
 * replies asynchronously (nothing after `terminate`), as a Web Worker would.
 */
import type { FromDmlWorker, ToDmlWorker } from './dmlProtocol';
import type { DmlWorkerLike } from './dmlRunner';
import { handleDmlMessage } from './dmlWorkerHandler';

export function inProcessWorker(): DmlWorkerLike & { terminated: boolean } {
  const listeners: ((event: MessageEvent<FromDmlWorker>) => void)[] = [];
  const worker = {
    terminated: false,
    postMessage(message: ToDmlWorker) {
      setTimeout(() =>
        handleDmlMessage(message, (reply) =>
          setTimeout(() => {
            if (!worker.terminated)
              for (const listener of listeners)
                listener({ data: reply } as MessageEvent<FromDmlWorker>);
          }),
        ),
      );
    },
    addEventListener(type: string, listener: (event: MessageEvent<FromDmlWorker>) => void) {
      if (type === 'message') listeners.push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker as DmlWorkerLike & { terminated: boolean };
}

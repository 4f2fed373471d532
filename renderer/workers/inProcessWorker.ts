/**
 * A stand-in one-shot worker for tests: runs the real worker handler on this thread and delivers
 * its replies asynchronously (nothing after `terminate`), as a Web Worker would. Messages are
 * structured-cloned both ways as postMessage does, so a message a real worker cannot take (a Vue
 * reactive proxy, a function) fails here too.
 */
import type { OneShotReply, OneShotRun, OneShotWorkerLike } from './oneShotWorker';

export function inProcessOneShotWorker<Input, Result, Progress>(
  handle: (
    message: OneShotRun<Input>,
    post: (reply: OneShotReply<Result, Progress>) => void,
  ) => void,
): OneShotWorkerLike<Input, Result, Progress> & { terminated: boolean } {
  type Listener = (event: MessageEvent<OneShotReply<Result, Progress>>) => void;
  const listeners: Listener[] = [];
  const worker = {
    terminated: false,
    postMessage(message: OneShotRun<Input>) {
      const sent = structuredClone(message);
      setTimeout(() =>
        handle(sent, (reply) => {
          const received = structuredClone(reply);
          setTimeout(() => {
            if (!worker.terminated)
              for (const listener of listeners)
                listener({ data: received } as MessageEvent<OneShotReply<Result, Progress>>);
          });
        }),
      );
    },
    addEventListener(type: string, listener: Listener) {
      if (type === 'message') listeners.push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker as OneShotWorkerLike<Input, Result, Progress> & { terminated: boolean };
}

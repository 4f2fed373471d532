/**
 * Test support: a planner "worker" that is the real API on the far end of a MessageChannel, so
 * tests drive the client (and the store) through comlink exactly as the app drives the worker.
 */
import { expose } from 'comlink';
import { createPlannerApi } from './plannerApi';
import type { PlannerWorkerLike } from './plannerClient';

export function channelPlannerWorker(
  created: { count: number } = { count: 0 },
): () => PlannerWorkerLike {
  return () => {
    created.count += 1;
    const { port1, port2 } = new MessageChannel();
    expose(createPlannerApi(), port2 as unknown as Parameters<typeof expose>[1]);
    const endpoint = port1 as unknown as PlannerWorkerLike;
    endpoint.terminate = () => {
      port1.close();
      port2.close();
    };
    return endpoint;
  };
}

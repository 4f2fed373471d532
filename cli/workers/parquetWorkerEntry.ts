import { workerEntry } from './startWorker';

/**
 * parquetWorker.ts from source, parquetWorker.mjs beside the bundle's chunks (see startWorker.ts).
 * Resolved here, beside the entry, because cli/parquetNode.ts (which starts it) sits one folder up.
 */
export const parquetWorkerEntry = workerEntry('parquetWorker', import.meta.url);

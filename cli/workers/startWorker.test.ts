import { describe, expect, it } from 'vitest';
import { workerEntry } from './startWorker';

describe('workerEntry', () => {
  it('finds the entry beside its caller: .ts from source (tsx adds a query), .mjs in the bundle', () => {
    expect(workerEntry('chainWorker', 'file:///repo/cli/workers/nodeChainRunner.ts').href).toBe(
      'file:///repo/cli/workers/chainWorker.ts',
    );
    expect(
      workerEntry('jobWorker', 'file:///repo/cli/batch/workerJobRunner.ts?tsx-namespace=17').href,
    ).toBe('file:///repo/cli/batch/jobWorker.ts');
    expect(workerEntry('chainWorker', 'file:///app/dist-cli/chunk-AB12CD.mjs').href).toBe(
      'file:///app/dist-cli/chainWorker.mjs',
    );
  });
});

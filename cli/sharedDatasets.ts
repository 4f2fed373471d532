/**
 * Where the public MMM data sets (Robyn, Meridian, PyMC-Marketing; `../shared/datasets/` beside the
 * project) are on this machine: `MMM_DATASETS`, else `shared/datasets` beside the checkout or one
 * folder further up (a worktree under `wt/`). Null where they are absent: tests that read them
 * skip, saying so. They are read in place, never copied into the project.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function sharedDatasetsFolder(): string | null {
  const candidates = [
    process.env.MMM_DATASETS,
    resolve(root, '../shared/datasets'),
    resolve(root, '../../shared/datasets'),
  ];
  return (
    candidates.find(
      (folder): folder is string =>
        folder !== undefined && existsSync(resolve(folder, 'README.md')),
    ) ?? null
  );
}

export const SHARED_DATASETS_ABSENT =
  'the public data sets (../shared/datasets, or MMM_DATASETS) are not on this machine';

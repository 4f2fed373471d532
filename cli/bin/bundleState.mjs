// Whether the prebuilt CLI in dist-cli/ can run (scripts/build-cli.mjs writes dist-cli/inputs.json:
// when it was built and from which source files). Plain JavaScript: the launcher reads it before
// anything is compiled.
import { readFileSync, statSync } from 'node:fs';

/**
 * Why the bundle under `root` (a file: URL of the repository or installed folder, ending in '/')
 * cannot be used, or null when it is current: missing, or older than one of its source files. A
 * source that is absent does not count (an installed copy, e.g. a container image, ships the bundle
 * without its sources).
 */
export function bundleProblem(root) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(new URL('dist-cli/inputs.json', root), 'utf8'));
    statSync(new URL('dist-cli/mmm.mjs', root));
  } catch {
    return 'no prebuilt CLI in dist-cli/';
  }
  for (const source of inputs.sources) {
    let modified;
    try {
      modified = statSync(new URL(source, root)).mtimeMs;
    } catch {
      continue;
    }
    if (modified > inputs.builtAt) return `${source} is newer than dist-cli/`;
  }
  return null;
}

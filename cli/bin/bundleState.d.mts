/** See bundleState.mjs. */
export function bundleProblem(root: URL): string | null;

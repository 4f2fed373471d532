/** See build-cli.mjs. */
export const runtimePackages: readonly string[];
export function buildCli(outDirectory?: string): Promise<{ file: string; bytes: number }[]>;

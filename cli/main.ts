/** `mmm` — the headless MMM Workbench: the same data and model code as the app. */
export interface CommandModule {
  /** Runs the command; resolves to the process exit code. Bad input never throws a stack trace. */
  run(argv: string[]): Promise<number>;
}

// One line per command (prettier-ignore keeps it so): a new command is one added line.
// prettier-ignore
const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  inspect: { summary: 'detected schema, mapping, validation report and model-frame summary', load: () => import('./commands/inspect') },
  fit: { summary: 'fit the Bayesian adstock + saturation MMM with NUTS', load: () => import('./commands/fit') },
  plan: { summary: 'verify, show, diff, migrate and report plan files (.mmmplan)', load: () => import('./commands/plan') },
  dml: { summary: 'double-ML causal estimates of channel effects', load: () => import('./commands/dml') },
  optimize: { summary: "optimise next period's budget over a fit result's posterior", load: () => import('./commands/optimize') },
  batch: { summary: 'many fits from one manifest (one per market), with a summary', load: () => import('./commands/batch') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  mmm ${name.padEnd(8)} ${c.summary}`);
  return [
    'usage: mmm <command> [options]',
    '',
    ...lines,
    '',
    'mmm <command> --help for its options',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`mmm: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mmm ${name}: ${message}\n`);
    return 1;
  }
}

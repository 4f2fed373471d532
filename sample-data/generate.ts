/**
 * Regenerates the bundled sample data and its truth: `tsx sample-data/generate.ts [--seed N]
 * [--out DIR] [--check] [--large-rows N --large-out DIR]` (see generator/generateCommand.ts).
 */
import { runGenerate } from './generator/generateCommand';

process.exitCode = await runGenerate(process.argv.slice(2));

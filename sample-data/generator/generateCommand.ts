import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeLargeExport } from './largeExport';
import { generateGeoSample, geoSampleFileNames } from './geoSample';
import { defaultSeed, generateSampleDataset, sampleFileNames } from './sampleDataset';

export const usage = `Usage: tsx sample-data/generate.ts [--seed N] [--out DIR] [--check] [--large-rows N --large-out DIR]

  --seed N          generator seed (default ${defaultSeed})
  --out DIR         where the sample files go (default sample-data)
  --check           do not write: exit 1 if the files in --out differ from what the seed generates
  --large-rows N    also stream a long daily export of exactly N rows (for the import benchmark)
  --large-out DIR   folder of the large export (default sample-data/large, git-ignored)`;

export interface GenerateArguments {
  readonly seed: number;
  readonly out: string;
  readonly check: boolean;
  readonly largeRows: number | null;
  readonly largeOut: string;
  readonly help: boolean;
}

/** Parses the command line; throws an Error whose message names the bad option. */
export function parseGenerateArguments(argv: readonly string[]): GenerateArguments {
  let seed = defaultSeed;
  let out = 'sample-data';
  let check = false;
  let largeRows: number | null = null;
  let largeOut = join('sample-data', 'large');
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const option = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--'))
        throw new Error(`option ${option} needs a value`);
      return next;
    };
    const integer = (text: string, minimum: number): number => {
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < minimum) {
        throw new Error(`option ${option}: "${text}" is not an integer ≥ ${minimum}`);
      }
      return Number(text);
    };
    switch (option) {
      case '--seed':
        seed = integer(value(), 0);
        if (seed > 0xffffffff) throw new Error(`option --seed: ${seed} does not fit in 32 bits`);
        break;
      case '--out':
        out = value();
        break;
      case '--check':
        check = true;
        break;
      case '--large-rows':
        largeRows = integer(value(), 1);
        break;
      case '--large-out':
        largeOut = value();
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option "${option}"`);
    }
  }
  return { seed, out, check, largeRows, largeOut, help };
}

export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/** The generator's command line; returns the exit code (0 ok, 1 check failed, 2 bad usage or failure). */
export async function runGenerate(
  argv: readonly string[],
  output: CommandOutput = console,
): Promise<number> {
  let options: GenerateArguments;
  try {
    options = parseGenerateArguments(argv);
  } catch (error) {
    output.error(`generate: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (options.help) {
    output.log(usage);
    return 0;
  }
  try {
    const started = Date.now();
    const dataset = generateSampleDataset({ seed: options.seed });
    const files: Record<string, string> = {
      ...dataset.files,
      ...generateGeoSample(options.seed).files,
    };
    const names = [...sampleFileNames, ...geoSampleFileNames];
    if (options.check) {
      const stale = names.filter((name) => {
        const path = join(options.out, name);
        return !existsSync(path) || readFileSync(path, 'utf8') !== files[name];
      });
      if (stale.length > 0) {
        output.error(
          `generate --check: ${stale.join(', ')} in ${options.out} differ from seed ${options.seed}; run tsx sample-data/generate.ts`,
        );
        return 1;
      }
      output.log(
        `generate --check: ${names.length} files in ${options.out} match seed ${options.seed}`,
      );
    } else {
      mkdirSync(options.out, { recursive: true });
      for (const name of names) {
        writeFileSync(join(options.out, name), files[name]);
        output.log(`${join(options.out, name)}  ${Buffer.byteLength(files[name])} bytes`);
      }
      output.log(
        `seed ${options.seed}: ${dataset.truth.weeks} weeks, generated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    if (options.largeRows !== null) {
      const summary = await writeLargeExport({
        path: join(options.largeOut, `media_daily_long_${options.largeRows}.csv`),
        rows: options.largeRows,
        seed: options.seed,
      });
      output.log(
        `${summary.path}  ${summary.rows} rows (${summary.geos} geos × ${summary.days} days × ${summary.channels} channels), ${summary.bytes} bytes in ${summary.seconds.toFixed(1)} s`,
      );
    }
    return 0;
  } catch (error) {
    output.error(`generate: ${(error as Error).message}`);
    return 2;
  }
}

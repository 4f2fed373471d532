/**
 * `npx tsx bench/fit-recovery.ts [--only sample|pymc] [--chains 4] [--warmup 1000] [--draws 1000]`
 * — does `mmm fit` recover known ROIs? Runs the CLI command end to end (data layer, workers,
 * report) on two data sets with ground truth and prints the ROI per channel against the truth, the
 * spend-weighted absolute error and the coverage of the 90% HDIs:
 *
 *  - `sample-data/media_weekly_wide.csv` vs `sample-data/truth.json` (7 channels, 3 controls; drawn
 *    from the engine's own default model form: geometric adstock L = 8, Hill);
 *  - `../shared/datasets/pymc_marketing__mmm_roas_data.csv` (read in place; y = 100 × (trend +
 *    seasonality + z + effects + noise), true ROAS x1 = 93.39, x2 = 171.41; geometric adstock with
 *    l_max 4 and logistic saturation, so we fit `--adstock geometric --max-lag 4 --saturation
 *    logistic` with control z; the data's own trend/seasonality columns are not given to the model).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { roiRecovery } from '../models/report/roiRecovery';
import { run as fitCommand } from '../cli/commands/fit';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Case {
  readonly name: string;
  readonly argv: string[];
  readonly truth: Record<string, number>;
}

function cases(): Case[] {
  const truth = JSON.parse(readFileSync(join(root, 'sample-data/truth.json'), 'utf8')) as {
    channels: { name: string; roi: number }[];
  };
  const sampleChannels = truth.channels.map((c) => `${c.name}_spend`);
  const pymc = resolve(root, '../shared/datasets/pymc_marketing__mmm_roas_data.csv');
  return [
    {
      name: 'sample',
      argv: [
        join(root, 'sample-data/media_weekly_wide.csv'),
        '--date',
        'week',
        '--kpi',
        'revenue',
        '--channels',
        sampleChannels.join(','),
        '--controls',
        'price_index,promo,holiday',
      ],
      truth: Object.fromEntries(truth.channels.map((c) => [`${c.name}_spend`, c.roi])),
    },
    {
      name: 'pymc',
      argv: [
        pymc,
        '--date',
        'date',
        '--kpi',
        'y',
        '--channels',
        'x1,x2',
        '--controls',
        'z',
        '--adstock',
        'geometric',
        '--max-lag',
        '4',
        '--saturation',
        'logistic',
      ],
      truth: { x1: 93.39, x2: 171.41 },
    },
  ];
}

interface Summary {
  channels: { name: string; spend: number; roi: { mean: number; lo: number; hi: number } }[];
  diagnostics: {
    rhatMax: number | null;
    essBulkMin: number | null;
    essTailMin: number | null;
    divergences: number;
    gatePassed: boolean;
  };
  fit: { r2: number; mape: number | null };
  timing: { totalSeconds: number };
}

async function main(): Promise<void> {
  const only = flag('only', 'all');
  const sampler = [
    '--chains',
    flag('chains', '4'),
    '--warmup',
    flag('warmup', '1000'),
    '--draws',
    flag('draws', '1000'),
    '--seed',
    flag('seed', '1'),
  ];
  {
    for (const item of cases()) {
      if (only !== 'all' && only !== item.name) continue;
      if (!existsSync(item.argv[0])) {
        process.stdout.write(`${item.name}: ${item.argv[0]} not found, skipped\n`);
        continue;
      }
      let text = '';
      const code = await fitCommand([...item.argv, ...sampler, '--json'], {
        stdout: { write: (chunk: string) => ((text += chunk), true) },
      });
      if (code !== 0) throw new Error(`${item.name}: mmm fit exited with ${code}`);
      const summary = JSON.parse(text) as Summary;
      const names = summary.channels.map((c) => c.name);
      const recovery = roiRecovery(
        summary.channels.map((c) => ({ name: c.name, ...c.roi })),
        names.map((name) => item.truth[name]),
        summary.channels.map((c) => c.spend),
      );
      const d = summary.diagnostics;
      const lines = [
        `## ${item.name}: ${item.argv[0].replace(`${root}/`, '')}`,
        `time ${summary.timing.totalSeconds.toFixed(1)} s; gate ${d.gatePassed ? 'passed' : 'FAILED'}; max R-hat ${d.rhatMax?.toFixed(3)}, min bulk ESS ${d.essBulkMin?.toFixed(0)}, min tail ESS ${d.essTailMin?.toFixed(0)}, ${d.divergences} divergences; R² ${summary.fit.r2.toFixed(3)}`,
        '',
        '| channel | true ROI | posterior mean | 90% HDI | covered |',
        '| --- | --- | --- | --- | --- |',
        ...recovery.channels.map(
          (c, i) =>
            `| ${c.name} | ${c.truth.toFixed(3)} | ${c.estimate.toFixed(3)} | [${summary.channels[i].roi.lo.toFixed(3)}, ${summary.channels[i].roi.hi.toFixed(3)}] | ${c.covered ? 'yes' : 'no'} |`,
        ),
        '',
        `spend-weighted |error| ${recovery.weightedAbsoluteError.toFixed(4)} (${(100 * recovery.relativeError).toFixed(1)}% of the spend-weighted true ROI); 90% HDI coverage ${(100 * recovery.coverage).toFixed(0)}% (${recovery.channels.filter((c) => c.covered).length}/${recovery.channels.length})`,
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench fit-recovery: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});

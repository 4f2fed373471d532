/**
 * `mmm dml <data file> --outcome <col> --treatments <a,b> [options]` — double/debiased ML estimates of
 * channel effects (partially linear model, models/causal). Reads CSV or Parquet through the data layer
 * (duckdb-wasm), orders rows by the date column when there is one and then adds a linear trend and
 * Fourier seasonality terms (order 2, period 52.18 weeks) to the controls X.
 */
import { estimateDml } from '../../models/causal';
import { importFile, type InputFile } from '../../models/data';
import { learnerNames } from '../../models/learners';
import { UsageError } from '../commandLine';
import { parseArguments, type DmlArguments } from '../dml/arguments';
import { loadDmlColumns } from '../dml/loadDmlColumns';
import { jsonReport, textReport } from '../dml/report';
import { openNodeConnection, sizeOfInputs, type ClosableSqlConnection } from '../duckdbNode';
import { parquetToIpcNode } from '../parquetNode';
import { openInputFile } from '../readBytes';

export { parseArguments } from '../dml/arguments';

const USAGE = `usage: mmm dml <data file> --outcome <col> --treatments <a,b> [options]

  --outcome <col>            outcome (KPI) column
  --treatments <a,b,…>       treatment (channel spend) columns
  --controls <x,y,…>         extra control columns for X
  --date <col>               date column (default: the first column detected as a date); when present,
                             rows are sorted by it and X gets a trend and Fourier terms (order 2)
  --no-time-terms            do not add trend and Fourier terms
  --learner <name>           ${learnerNames.join('|')} (default lasso)
  --folds <K>                cross-fitting folds (default 5)
  --reps <S>                 repeated sample splits, median-aggregated (default 1)
  --fold-scheme <scheme>     random|blocked|nlo (neighbours left out) (default random)
  --gap <N>                  observations dropped around test folds (blocked default 0, nlo default 1)
  --score <po|iv>            partialling-out (default) or IV-type score
  --se <iid|hac>             SE behind the CI and p-value (default hac; both are reported)
  --hac-lag <N|simple|nw1994>  Newey–West lag: fixed, ⌊4(n/100)^(2/9)⌋ (default) or the NW-1994 plug-in
  --adstock <name=α:L,…>     geometric adstock per treatment before estimation
  --sensitivity <cfY,cfD,ρ>  omitted-confounding bounds and robustness values (e.g. 0.03,0.03,1)
  --seed <N>                 seed (default 0)
  --json                     print one JSON object on stdout`;

/** Tests pass a shared connection (opening duckdb-wasm costs seconds); the CLI opens its own. */
export interface DmlCommandDependencies {
  readonly openConnection?: () => Promise<ClosableSqlConnection>;
}

export async function run(
  argv: string[],
  dependencies: DmlCommandDependencies = {},
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let args: DmlArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mmm dml: ${error.message}\n(mmm dml --help for the options)\n`);
    return 2;
  }
  let input: InputFile;
  try {
    input = await openInputFile(args.file);
  } catch (error) {
    process.stderr.write(`mmm dml: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const conn = await (dependencies.openConnection?.() ??
    openNodeConnection({ inputBytes: sizeOfInputs([input]) }));
  try {
    const imported = await importFile(conn, input, { parquetToIpc: parquetToIpcNode });
    const loaded = await loadDmlColumns(conn, imported, args);
    const result = estimateDml({
      y: loaded.y,
      treatments: loaded.treatments,
      controls: loaded.controls,
      options: args.options,
    });
    process.stdout.write(
      (args.json ? JSON.stringify(jsonReport(result, loaded)) : textReport(result, loaded)) + '\n',
    );
    return 0;
  } catch (error) {
    process.stderr.write(`mmm dml: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await conn.close();
  }
}

/** What `mmm fit --out x.mmmplan` writes: the fit, no scenarios, and how its data were read. */
import { basename } from 'node:path';
import { defaultPlanTitle, type PlanContent } from '../../models/plan';
import type { FitReport } from '../../models/report';
import type { FitArguments } from '../fit/arguments';

export function isPlanPath(path: string): boolean {
  return /\.mmmplan(\.json)?$/i.test(path);
}

export function planContent(args: FitArguments, report: FitReport, fileName: string): PlanContent {
  return {
    report,
    title: defaultPlanTitle(report),
    author: '',
    notes: '',
    scenarios: [],
    chosenScenarioId: null,
    // One geo's rows (--only-geo): the plan format records no row filter, so it gives no command
    // from the data file (which would sum every geo); the one from its own weekly inputs holds.
    reproduce:
      args.onlyGeo !== null
        ? null
        : {
            file: fileName,
            dateColumn: args.date,
            kpiColumn: args.kpi,
            channelColumns: args.channels.map((channel, c) => ({
              channel,
              column: args.channelColumns[c],
            })),
            weekStart: args.weekStart,
            liftTestsFile: args.liftTests ? basename(args.liftTests) : null,
          },
  };
}

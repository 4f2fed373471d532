/** Picks the adstock and saturation kernels a spec names. */
import type { AdstockKernel, SaturationKernel } from '../transforms/kernels';
import { createDelayedAdstock } from '../transforms/delayedAdstock';
import { geometricAdstock } from '../transforms/geometricAdstock';
import { hillSaturationKernel } from '../transforms/hillSaturation';
import { logisticSaturationKernel } from '../transforms/logisticSaturation';
import { michaelisMentenSaturationKernel } from '../transforms/michaelisMentenSaturation';
import { createWeibullCdfAdstock, createWeibullPdfAdstock } from '../transforms/weibullAdstock';
import type { AdstockKind, SaturationKind } from './spec';

export function createAdstockKernel(kind: AdstockKind, maxLag: number): AdstockKernel {
  switch (kind) {
    case 'geometric':
      return geometricAdstock;
    case 'delayed':
      return createDelayedAdstock(maxLag);
    case 'weibullCdf':
      return createWeibullCdfAdstock(maxLag);
    case 'weibullPdf':
      return createWeibullPdfAdstock(maxLag);
  }
}

export function saturationKernelOf(kind: SaturationKind): SaturationKernel {
  switch (kind) {
    case 'hill':
      return hillSaturationKernel;
    case 'logistic':
      return logisticSaturationKernel;
    case 'michaelisMenten':
      return michaelisMentenSaturationKernel;
  }
}

export type { AdstockKernel, SaturationKernel } from './kernels';
export { convolveLags } from './convolveLags';
export { geometricAdstock, geometricAdstockWeights } from './geometricAdstock';
export { createDelayedAdstock, delayedAdstockWeights } from './delayedAdstock';
export {
  createWeibullCdfAdstock,
  createWeibullPdfAdstock,
  weibullAdstockWeights,
} from './weibullAdstock';
export { hillSaturation, hillSaturationKernel } from './hillSaturation';
export { logisticSaturation, logisticSaturationKernel } from './logisticSaturation';
export {
  michaelisMentenSaturation,
  michaelisMentenSaturationKernel,
} from './michaelisMentenSaturation';

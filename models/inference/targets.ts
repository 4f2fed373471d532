import { createGeoMmmTarget } from '../mmm/geoTarget';
import type { GeoMmmInput } from '../mmm/geoTypes';
import { createMmmTarget } from '../mmm/target';
import type { MmmInput } from '../mmm/types';
import { createFunnelTarget, type FunnelDescription } from './testTargets/funnelTarget';
import { createGaussianTarget, type GaussianDescription } from './testTargets/gaussianTarget';
import type { Target } from './types';

export type { FunnelDescription, GaussianDescription };

/** The marketing-mix model posterior of `models/mmm` (its input is structured-cloneable). */
export interface MmmDescription {
  readonly kind: 'mmm';
  readonly input: MmmInput;
}

/** The geo-level hierarchical MMM of `models/mmm` (geoTarget.ts). */
export interface GeoMmmDescription {
  readonly kind: 'geo-mmm';
  readonly input: GeoMmmInput;
}

/**
 * A structured-cloneable description of what to sample; workers rebuild the Target from it, since
 * functions cannot cross a worker boundary.
 */
export type TargetDescription =
  MmmDescription | GeoMmmDescription | GaussianDescription | FunnelDescription;

export function createTarget(description: TargetDescription): Target {
  switch (description.kind) {
    case 'mmm':
      return createMmmTarget(description.input);
    case 'geo-mmm':
      return createGeoMmmTarget(description.input);
    case 'gaussian':
      return createGaussianTarget(description);
    case 'funnel':
      return createFunnelTarget(description);
    default: {
      const kind: string = (description as { kind: string }).kind;
      throw new Error(`unknown target kind '${kind}'`);
    }
  }
}

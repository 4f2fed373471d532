/**
 * A content hash of a model frame, so a result can say which data it was computed from and results
 * on other data are not paired: the fit report's data fingerprint (dataFingerprint.ts, FNV-1a 64)
 * of the weeks, KPI, each channel's spend and each control, hashed again with what a frame adds —
 * the KPI's name, the geos and each row's geo. Example: two frames differing in one spend value get
 * different hashes.
 */
import type { ModelFrame } from '../data/types';
import { dataFingerprint, Fnv1a64 } from './dataFingerprint';

// A frame is an immutable value: its hash is computed once per frame object (the Model task asks
// on every render whether the shown fit is on the current data).
const known = new WeakMap<ModelFrame, string>();

export function frameFingerprint(frame: ModelFrame): string {
  let hash = known.get(frame);
  if (hash === undefined) {
    hash = hashFrame(frame);
    known.set(frame, hash);
  }
  return hash;
}

function hashFrame(frame: ModelFrame): string {
  const geos = frame.geos ?? [];
  const hash = new Fnv1a64()
    .updateText(
      dataFingerprint({
        dates: frame.weeks,
        kpi: frame.kpi,
        channelNames: frame.channels,
        spend: frame.spend,
        controlNames: frame.controls,
        controls: frame.controlValues,
      }),
    )
    .updateText(`\u0000kpi:${frame.kpiName}\u0000geos:${geos.length}\u0000${geos.join('\n')}`);
  if (frame.geoIndex) hash.updateNumbers(Float64Array.from(frame.geoIndex));
  return hash.digest();
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { jitteredPoints } from '../testing/gradientCheck';
import { createGeoMmmTarget } from './geoTarget';
import { geoTestCases, startOf } from './geoTestCases';

/**
 * The evaluator against the log density and gradient that the first geo evaluator (commit 78de03c,
 * before the speed work of issue 15) gave at the same points: every rewrite of the hot loop must
 * give the same numbers to rounding. The fixture is that code's output; `WRITE_GEO_GOLDEN=1` rewrites
 * it, which is only right when the model itself changes on purpose.
 */
interface GoldenCase {
  readonly name: string;
  readonly points: number[][];
  readonly values: number[];
  readonly gradients: number[][];
}

function evaluateCases(): GoldenCase[] {
  return geoTestCases.map(([name, input]) => {
    const target = createGeoMmmTarget(input);
    const points = jitteredPoints(startOf(target, 0, 0), 3, 0.4, createRng(23));
    const gradients: number[][] = [];
    const values = points.map((point) => {
      const gradient = new Float64Array(target.dimension);
      const value = target.logDensityAndGradient(point, gradient);
      gradients.push(Array.from(gradient));
      return value;
    });
    return { name, points: points.map((p) => Array.from(p)), values, gradients };
  });
}

const GOLDEN = join(__dirname, 'fixtures', 'geoLogDensity.golden.json');
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('geo log density and gradient', () => {
  if (process.env.WRITE_GEO_GOLDEN === '1')
    writeFileSync(GOLDEN, `${JSON.stringify(evaluateCases())}\n`);
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];

  it.each(geoTestCases.map(([name], i) => [name, i] as const))(
    'equal the first evaluator to 1e-12 (relative): %s',
    (name, i) => {
      const reference = golden[i];
      expect(reference.name).toBe(name);
      const target = createGeoMmmTarget(geoTestCases[i][1]);
      reference.points.forEach((point, p) => {
        const gradient = new Float64Array(target.dimension);
        const value = target.logDensityAndGradient(Float64Array.from(point), gradient);
        expect(relative(value, reference.values[p])).toBeLessThan(1e-12);
        let worst = 0;
        gradient.forEach(
          (g, j) => (worst = Math.max(worst, relative(g, reference.gradients[p][j]))),
        );
        expect(worst).toBeLessThan(1e-12);
      });
    },
  );
});

import { describe, expect, it } from 'vitest';
import { createPhasePoint, leapfrog } from './leapfrog';
import { kineticEnergy } from './metric';
import type { LogDensity } from './types';

/** Harmonic oscillator: log π(q) = −½ k q², so H = ½ k q² + ½ m⁻¹ p²; exact period 2π √(1/(k m⁻¹)). */
function oscillator(stiffness: number): LogDensity {
  return {
    dimension: 1,
    logDensityAndGradient(q, g) {
      g[0] = -stiffness * q[0];
      return -0.5 * stiffness * q[0] * q[0];
    },
  };
}

function energy(point: ReturnType<typeof createPhasePoint>, inverseMass: Float64Array): number {
  return -point.logDensity + kineticEnergy(point.momentum, inverseMass);
}

function start(target: LogDensity, q: number, p: number): ReturnType<typeof createPhasePoint> {
  const point = createPhasePoint(1);
  point.position[0] = q;
  point.momentum[0] = p;
  point.logDensity = target.logDensityAndGradient(point.position, point.gradient);
  return point;
}

describe('leapfrog', () => {
  it('matches one hand-computed step on N(0, 1)', () => {
    const target = oscillator(1);
    const point = start(target, 1, 0);
    leapfrog(target, Float64Array.of(1), 0.1, point);
    expect(point.position[0]).toBeCloseTo(0.995, 15);
    expect(point.momentum[0]).toBeCloseTo(-0.05 - 0.05 * 0.995, 15);
  });

  it('conserves energy to O(ε²) on a harmonic oscillator over a long run, and tracks the exact orbit', () => {
    const target = oscillator(4);
    const inverseMass = Float64Array.of(0.5);
    const maxErrors: number[] = [];
    for (const stepSize of [0.1, 0.05]) {
      const point = start(target, 1, 0);
      const h0 = energy(point, inverseMass);
      let maxError = 0;
      const steps = Math.round(20 / stepSize);
      for (let i = 0; i < steps; i++) {
        leapfrog(target, inverseMass, stepSize, point);
        maxError = Math.max(maxError, Math.abs(energy(point, inverseMass) - h0));
      }
      // Exact solution q(t) = cos(ω t), ω = √(k m⁻¹) = √2; phase error is O(ε²) too.
      expect(point.position[0]).toBeCloseTo(Math.cos(Math.SQRT2 * 20), 1);
      maxErrors.push(maxError);
    }
    expect(maxErrors[0]).toBeLessThan(0.02);
    // Halving ε divides the energy error by about 4.
    expect(maxErrors[0] / maxErrors[1]).toBeGreaterThan(3.5);
    expect(maxErrors[0] / maxErrors[1]).toBeLessThan(4.5);
  });

  it('is reversible: n steps forward then n steps with −ε return to the start', () => {
    const d = 3;
    const target: LogDensity = {
      dimension: d,
      // A non-Gaussian density (log π = −Σ qᵢ⁴/4 − q₀q₁) so reversibility is not trivial.
      logDensityAndGradient(q, g) {
        g[0] = -(q[0] ** 3) - q[1];
        g[1] = -(q[1] ** 3) - q[0];
        g[2] = -(q[2] ** 3);
        return -(q[0] ** 4 + q[1] ** 4 + q[2] ** 4) / 4 - q[0] * q[1];
      },
    };
    const inverseMass = Float64Array.of(1, 0.5, 2);
    const point = createPhasePoint(d);
    point.position.set([0.3, -1.2, 0.7]);
    point.momentum.set([1.1, 0.4, -0.9]);
    point.logDensity = target.logDensityAndGradient(point.position, point.gradient);
    const q0 = Float64Array.from(point.position);
    const p0 = Float64Array.from(point.momentum);
    for (let i = 0; i < 50; i++) leapfrog(target, inverseMass, 0.05, point);
    expect(Math.abs(point.position[0] - q0[0])).toBeGreaterThan(0.1);
    for (let i = 0; i < 50; i++) leapfrog(target, inverseMass, -0.05, point);
    for (let i = 0; i < d; i++) {
      expect(point.position[i]).toBeCloseTo(q0[i], 12);
      expect(point.momentum[i]).toBeCloseTo(p0[i], 12);
    }
  });

  it('reports −∞ (not NaN) when the step leaves the support', () => {
    const target: LogDensity = {
      dimension: 1,
      logDensityAndGradient(q, g) {
        g[0] = 1 / q[0];
        return q[0] > 0 ? Math.log(q[0]) : Number.NaN;
      },
    };
    const point = start(target, 0.5, -10);
    leapfrog(target, Float64Array.of(1), 1, point);
    expect(point.logDensity).toBe(Number.NEGATIVE_INFINITY);
  });
});

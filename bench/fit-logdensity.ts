/**
 * `npx tsx bench/fit-logdensity.ts [--sizes 156x6,260x10] [--points 20]` — is our 'textbook' model
 * the same posterior as bench/stan/mmm_textbook.stan? Evaluates both log densities and gradients,
 * on the unconstrained scale with the Jacobians (what NUTS samples), at random points around our MAP
 * of the benchmark data, and prints the largest disagreements:
 *
 *   Δ log p: |(ℓ_ours(uᵢ) − ℓ_ours(u₀)) − (ℓ_Stan(uᵢ) − ℓ_Stan(u₀))| — Stan's `~` drops constants,
 *            so values are compared as differences from the first point;
 *   ∇:       maxᵢⱼ |∂ⱼℓ_ours(uᵢ) − ∂ⱼℓ_Stan(uᵢ)| / max(1, |∂ⱼℓ_Stan(uᵢ)|), coordinates matched by name
 *            (Stan orders vectors parameter by parameter; ours channel by channel).
 *
 * Needs Rscript with rstan (bench:fit installs it) and the compiled model bench:fit caches.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMmmTarget, fitMap } from '../models/mmm';
import { createRng } from '../models/random/rng';
import { benchData, stanData, textbookSpec } from './fit';

const here = dirname(fileURLToPath(import.meta.url));

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function check(weeks: number, channels: number, count: number): string {
  const data = benchData(weeks, channels);
  const target = createMmmTarget({ ...data.input, spec: textbookSpec });
  const mode = fitMap(target).position;
  const rng = createRng(weeks * 100 + channels);
  const points = Array.from({ length: count }, (_, i) =>
    mode.map((u) => u + (i === 0 ? 0 : 0.3 * rng.normal())),
  );
  const C = target.design.channelNames.length;
  const named = points.map((u) => {
    const p = target.constrain(u);
    return {
      intercept: p.intercept,
      trend: p.trend,
      gamma: Array.from(p.seasonality),
      zeta: Array.from(p.controls),
      beta: p.channels.map((c) => c.coefficient),
      alpha: p.channels.map((c) => c.adstock.decay),
      K: p.channels.map((c) => c.saturation.halfSaturation),
      S: p.channels.map((c) => c.saturation.shape),
      sigma: p.noise,
    };
  });
  const dir = mkdtempSync(join(tmpdir(), 'mmm-logprob-'));
  try {
    writeFileSync(join(dir, 'data.json'), JSON.stringify(stanData(target)));
    writeFileSync(join(dir, 'points.json'), JSON.stringify(named));
    const child = spawnSync(
      'Rscript',
      [
        join(here, 'stan', 'logprob.R'),
        join(dir, 'data.json'),
        join(dir, 'points.json'),
        join(dir, 'out.json'),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) throw new Error(`Rscript failed:\n${child.stderr}`);
    const stan = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
      logDensity: number;
      gradient: number[];
    }[];
    // Stan's unconstrained order → ours: intercept, trend, gamma, zeta, then β, α, K, S blocks, σ.
    const layout = target.layout;
    const order: number[] = [layout.intercept, layout.trend];
    for (let k = 0; k < layout.seasonalityCount; k++) order.push(layout.seasonality + k);
    for (let j = 0; j < layout.controlCount; j++) order.push(layout.controls + j);
    for (let q = 0; q < 4; q++)
      for (let c = 0; c < C; c++) order.push(layout.channelStart + c * layout.channelStride + q);
    order.push(layout.noise);
    const gradient = new Float64Array(target.dimension);
    const ours0 = target.logDensityAndGradient(points[0], gradient);
    let worstValue = 0;
    let worstGradient = 0;
    let worstName = '';
    points.forEach((u, i) => {
      const ours = target.logDensityAndGradient(u, gradient);
      const delta = Math.abs(ours - ours0 - (stan[i].logDensity - stan[0].logDensity));
      worstValue = Math.max(worstValue, delta);
      stan[i].gradient.forEach((g, k) => {
        const error = Math.abs(gradient[order[k]] - g) / Math.max(1, Math.abs(g));
        if (error > worstGradient) {
          worstGradient = error;
          worstName = target.parameterNames[order[k]];
        }
      });
    });
    const scale = Math.abs(ours0);
    return `${weeks}x${channels}: ${count} points, dimension ${target.dimension}; max |Δ log p| ${worstValue.toExponential(2)} (log p ≈ ${scale.toFixed(1)}); max relative gradient error ${worstGradient.toExponential(2)} (${worstName})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = flag('sizes', '156x6,260x10')
  .split(',')
  .map((s) => s.split('x').map(Number));
const count = Number(flag('points', '20'));
for (const [weeks, channels] of sizes) process.stdout.write(`${check(weeks, channels, count)}\n`);

import { createRng } from '../random/rng';

/**
 * A seeded random symmetric positive-definite matrix for linear-algebra tests, row-major:
 * A = B Bᵀ + ½ I with Bᵢⱼ ~ N(0, 1), so its smallest eigenvalue is at least ½.
 */
export function randomSpd(size: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const b = new Float64Array(size * size).map(() => rng.normal());
  const a = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      let value = i === j ? 0.5 : 0;
      for (let k = 0; k < size; k++) value += b[i * size + k] * b[j * size + k];
      a[i * size + j] = value;
    }
  return a;
}

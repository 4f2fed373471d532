import { describe, expect, it } from 'vitest';
import { randomSpd } from '../testing/randomSpd';
import { symmetricEigen } from './symmetricEigen';

describe('symmetricEigen', () => {
  it('finds eigenvalues 1 and 3 of [[2,1],[1,2]]', () => {
    const { values } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    expect(Array.from(values).sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
  });

  it('reconstructs a random symmetric matrix as V Λ Vᵀ with orthonormal V', () => {
    const size = 15;
    const a = randomSpd(size, 7);
    const { values, vectors } = symmetricEigen(a, size);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++) {
        let reconstructed = 0;
        let gram = 0;
        for (let k = 0; k < size; k++) {
          reconstructed += vectors[i * size + k] * values[k] * vectors[j * size + k];
          gram += vectors[k * size + i] * vectors[k * size + j];
        }
        expect(reconstructed).toBeCloseTo(a[i * size + j], 9);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
});

/**
 * Column sums and Gram entries of one chunk of shifted rows, the inner kernel of the cross products
 * (crossProducts.ts, foldCrossProducts.ts):
 *
 *   sumX_j += Σ_r c_rj,   upper_jk += Σ_r c_rj c_rk   (j ≤ k; entries below the diagonal may be
 *   written too and are to be ignored),
 *
 * over the rows r < length of a column-major chunk: column j of the chunk starting at `base` is
 * chunk[base + j·CHUNK_ROWS + r]. A chunk of 128 rows and p columns (p·1 KiB) stays in L1 cache.
 * Column pairs (j, j+1) meet four columns at a time, eight products per six loads (2×2 blocks
 * give four per four); an odd last column is a four-accumulator dot product. Every entry is one
 * sum in row order, so the blocking does not change the result.
 *
 * Example: one chunk with rows (1, 2) and (3, 4): sumX = (4, 6), upper = [[10, 14], ·, 20].
 */
export const CHUNK_ROWS = 128;

export function addChunkGram(
  chunk: Float64Array,
  base: number,
  length: number,
  p: number,
  sumX: Float64Array,
  upper: Float64Array,
): void {
  for (let j = 0; j < p; j++) {
    const a = base + j * CHUNK_ROWS;
    let sum = 0;
    for (let r = 0; r < length; r++) sum += chunk[a + r];
    sumX[j] += sum;
  }
  // Even p: pairs (j, j+1) over columns j…p−1, four then two at a time (p − j is even).
  const even = p - (p % 2);
  for (let j = 0; j < even; j += 2) {
    let k = j;
    for (; k + 3 < even; k += 4) gramBlock2x4(chunk, base, j, k, length, upper, p);
    if (k < even) gramBlock2x2(chunk, base, j, k, length, upper, p);
  }
  if (even < p) {
    const last = p - 1;
    for (let k = 0; k < p; k++)
      upper[k * p + last] += dotColumns(
        chunk,
        base + k * CHUNK_ROWS,
        base + last * CHUNK_ROWS,
        length,
      );
  }
}

/** Adds Σ x_j x_k for columns (j, j+1) × (k … k+3) of a chunk to `upper`. */
function gramBlock2x4(
  chunk: Float64Array,
  base: number,
  j: number,
  k: number,
  length: number,
  upper: Float64Array,
  p: number,
): void {
  const a0 = base + j * CHUNK_ROWS;
  const a1 = a0 + CHUNK_ROWS;
  const b0 = base + k * CHUNK_ROWS;
  const b1 = b0 + CHUNK_ROWS;
  const b2 = b1 + CHUNK_ROWS;
  const b3 = b2 + CHUNK_ROWS;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let r = 0; r < length; r++) {
    const x0 = chunk[a0 + r];
    const x1 = chunk[a1 + r];
    const z0 = chunk[b0 + r];
    const z1 = chunk[b1 + r];
    const z2 = chunk[b2 + r];
    const z3 = chunk[b3 + r];
    s00 += x0 * z0;
    s01 += x0 * z1;
    s02 += x0 * z2;
    s03 += x0 * z3;
    s10 += x1 * z0;
    s11 += x1 * z1;
    s12 += x1 * z2;
    s13 += x1 * z3;
  }
  const first = j * p + k;
  upper[first] += s00;
  upper[first + 1] += s01;
  upper[first + 2] += s02;
  upper[first + 3] += s03;
  const second = first + p;
  upper[second] += s10;
  upper[second + 1] += s11;
  upper[second + 2] += s12;
  upper[second + 3] += s13;
}

/** Adds Σ x_j x_k for columns (j, j+1) × (k, k+1) of a chunk to `upper`. */
function gramBlock2x2(
  chunk: Float64Array,
  base: number,
  j: number,
  k: number,
  length: number,
  upper: Float64Array,
  p: number,
): void {
  const a0 = base + j * CHUNK_ROWS;
  const a1 = a0 + CHUNK_ROWS;
  const b0 = base + k * CHUNK_ROWS;
  const b1 = b0 + CHUNK_ROWS;
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  for (let r = 0; r < length; r++) {
    const x0 = chunk[a0 + r];
    const x1 = chunk[a1 + r];
    const z0 = chunk[b0 + r];
    const z1 = chunk[b1 + r];
    s00 += x0 * z0;
    s01 += x0 * z1;
    s10 += x1 * z0;
    s11 += x1 * z1;
  }
  upper[j * p + k] += s00;
  upper[j * p + k + 1] += s01;
  upper[(j + 1) * p + k] += s10;
  upper[(j + 1) * p + k + 1] += s11;
}

/** Σ_r chunk[a + r]·chunk[b + r] over r < length, four accumulators for throughput. */
function dotColumns(chunk: Float64Array, a: number, b: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let r = 0;
  for (; r + 3 < length; r += 4) {
    s0 += chunk[a + r] * chunk[b + r];
    s1 += chunk[a + r + 1] * chunk[b + r + 1];
    s2 += chunk[a + r + 2] * chunk[b + r + 2];
    s3 += chunk[a + r + 3] * chunk[b + r + 3];
  }
  for (; r < length; r++) s0 += chunk[a + r] * chunk[b + r];
  return s0 + s1 + (s2 + s3);
}

/** Adds a p×p upper triangle (j ≤ k) to a full symmetric p×p matrix. */
export function addSymmetric(upper: Float64Array, p: number, gram: Float64Array): void {
  for (let j = 0; j < p; j++) {
    gram[j * p + j] += upper[j * p + j];
    for (let k = j + 1; k < p; k++) {
      gram[j * p + k] += upper[j * p + k];
      gram[k * p + j] += upper[j * p + k];
    }
  }
}

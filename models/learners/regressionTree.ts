import type { Matrix } from './types';

/**
 * A binary regression tree in flat typed arrays (no per-node objects):
 * an internal node sends x to `left[node]` when x[feature[node]] ≤ threshold[node], else to
 * `right[node]`; a leaf has feature −1 and stores its prediction in `threshold[node]`.
 * Node 0 is the root.
 */
export interface RegressionTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
}

/** Growable node storage used while a tree is built. */
export class TreeBuilder {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  count = 0;

  constructor(capacity: number) {
    const size = Math.max(capacity, 1);
    this.feature = new Int32Array(size);
    this.threshold = new Float64Array(size);
    this.left = new Int32Array(size);
    this.right = new Int32Array(size);
  }

  /** Appends a leaf with value `value`; returns its index (a split later overwrites it). */
  addLeaf(value: number): number {
    if (this.count === this.feature.length) this.grow();
    const node = this.count++;
    this.feature[node] = -1;
    this.threshold[node] = value;
    this.left[node] = -1;
    this.right[node] = -1;
    return node;
  }

  setSplit(node: number, feature: number, threshold: number, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.left[node] = left;
    this.right[node] = right;
  }

  finish(): RegressionTree {
    return {
      feature: this.feature.slice(0, this.count),
      threshold: this.threshold.slice(0, this.count),
      left: this.left.slice(0, this.count),
      right: this.right.slice(0, this.count),
    };
  }

  private grow(): void {
    const size = this.feature.length * 2;
    const copy = <T extends Int32Array | Float64Array>(array: T, fresh: T): T => {
      fresh.set(array);
      return fresh;
    };
    this.feature = copy(this.feature, new Int32Array(size));
    this.threshold = copy(this.threshold, new Float64Array(size));
    this.left = copy(this.left, new Int32Array(size));
    this.right = copy(this.right, new Int32Array(size));
  }
}

/** out[i] += scale · tree(x_i) for every row of X (row-major). */
export function addTreePredictions(
  tree: RegressionTree,
  X: Matrix,
  scale: number,
  out: Float64Array,
): void {
  const { feature, threshold, left, right } = tree;
  const { rows, cols, data } = X;
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    let node = 0;
    let split = feature[0];
    while (split >= 0) {
      node = data[offset + split] <= threshold[node] ? left[node] : right[node];
      split = feature[node];
    }
    out[i] += scale * threshold[node];
  }
}

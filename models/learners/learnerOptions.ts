/** Names accepted by `createLearner`. */
export type LearnerName = 'ols' | 'ridge' | 'lasso' | 'forest' | 'gbm';

/** Penalised linear models (ridge, lasso). */
export interface PenalisedLinearOptions {
  /** Fixed penalty; when omitted it is chosen by K-fold cross-validation. */
  alpha?: number;
  /** Folds for cross-validation (default 5). */
  folds?: number;
  /** Standardise features (population sd, as sklearn's StandardScaler) before penalising (default true). */
  standardize?: boolean;
  /** Explicit penalty grid for cross-validation (overrides the default grid). */
  alphaGrid?: readonly number[];
  /** Lasso: path length (default 100) and α_min/α_max (default 1e-3). */
  pathLength?: number;
  pathRatio?: number;
  /** Lasso: stop when sklearn's duality gap ≤ tolerance·‖y_c‖² (default 1e-7; sklearn's Lasso uses 1e-4); sweep cap (10 000). */
  tolerance?: number;
  maxSweeps?: number;
}

/** Random forest regression (Breiman 2001). */
export interface ForestOptions {
  /** Number of trees (default 100). */
  trees?: number;
  /** Features tried per split: a count ≥ 1, or a fraction in (0, 1) of p (default 1/3, as R's randomForest). */
  maxFeatures?: number;
  /** Minimum rows per leaf, counting distinct sampled rows as sklearn (default forest 1, gbm 20). */
  minSamplesLeaf?: number;
  /** Maximum depth, root at depth 0 (default unlimited for both forest and gbm). */
  maxDepth?: number;
  /** Draw a bootstrap sample per tree (default true). */
  bootstrap?: boolean;
  /** Histogram bins per feature, 2…255 (default 255). */
  maxBins?: number;
}

/** Histogram gradient boosting with squared loss (as sklearn's HistGradientBoostingRegressor). */
export interface BoostingOptions {
  learningRate?: number;
  maxIterations?: number;
  maxLeafNodes?: number;
  minSamplesLeaf?: number;
  maxDepth?: number;
  l2Regularization?: number;
  maxBins?: number;
  /** 'auto' (default) enables early stopping when n > 10 000, as sklearn. */
  earlyStopping?: boolean | 'auto';
  validationFraction?: number;
  /** Iterations without improvement before stopping (sklearn's n_iter_no_change, default 10). */
  patience?: number;
  /** gbm: minimum improvement of the validation loss (default 1e-7). Lasso reads `tolerance` as above. */
  tolerance?: number;
}

/** Options for any learner; each learner reads the fields it knows. */
export type LearnerOptions = PenalisedLinearOptions & ForestOptions & BoostingOptions;

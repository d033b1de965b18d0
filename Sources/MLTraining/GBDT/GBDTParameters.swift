/// The settings of a gradient-boosted tree training (names as LightGBM's and XGBoost's).
public struct GBDTParameters: Sendable, Equatable, Codable {
    /// The loss.
    public enum Objective: String, Sendable, Equatable, Codable {
        /// Binary logistic loss on labels 0/1; predictions are probabilities.
        case binary
        /// Softmax over `classCount` classes on labels 0..<K; predictions are K probabilities.
        case multiclass
        /// Squared error; predictions are values.
        case regression
    }

    /// How trees grow.
    public enum Growth: String, Sendable, Equatable, Codable {
        /// Split the leaf with the largest gain next, up to ``numLeaves`` (LightGBM).
        case leafwise
        /// Split every leaf of a level, up to ``maxDepth`` (XGBoost `hist`).
        case depthwise
    }

    /// The loss (default binary).
    public var objective: Objective = .binary
    /// Boosting iterations (trees per class).
    public var numTrees: Int = 100
    /// Leaf-wise or depth-wise.
    public var growth: Growth = .leafwise
    /// The most leaves per tree (leaf-wise; also a cap depth-wise).
    public var numLeaves: Int = 31
    /// The deepest a tree may grow; -1 for no limit (leaf-wise). Depth-wise needs ≥ 1.
    public var maxDepth: Int = -1
    /// Shrinkage of every leaf value.
    public var learningRate: Double = 0.1
    /// Fewest training rows in a leaf (LightGBM `min_data_in_leaf`).
    public var minChildSamples: Int = 20
    /// Smallest hessian sum in a leaf (XGBoost `min_child_weight`, LightGBM `min_sum_hessian_in_leaf`).
    public var minChildWeight: Double = 1e-3
    /// L2 regularization of leaf values (λ).
    public var l2: Double = 0
    /// Smallest gain for a split.
    public var minSplitGain: Double = 0
    /// Fraction of rows drawn (without replacement, per iteration) to grow each tree; 1 = all.
    public var subsample: Double = 1
    /// Fraction of features drawn per tree; 1 = all.
    public var colsample: Double = 1
    /// Most value bins per feature (2…255); missing values have their own bin.
    public var maxBins: Int = 255
    /// Stop when the validation loss has not improved for this many iterations (0 = never).
    public var earlyStoppingRounds: Int = 0
    /// Class weights (classifiers): the gradient and hessian of a row of class k are multiplied
    /// by `classWeights[k]`; empty = all 1.
    public var classWeights: [Double] = []
    /// `n / (K · count_k)` per class of the training rows (scikit-learn's and LightGBM's
    /// `balanced`); overrides ``classWeights``.
    public var balancedClassWeights = false
    /// The seed of row and column sampling.
    public var seed: UInt64 = 1
    /// Threads for histogram construction (results are identical at any count).
    public var threads: Int = 1

    /// Default settings.
    public init() {}
}

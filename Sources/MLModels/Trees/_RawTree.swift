/// A tree as a loader read it, in the file's node numbering, before validation and flattening.
struct _RawTree: Sendable {
    enum Node: Sendable {
        /// `value` already in the scorer's precision (XGBoost: a Float, weight applied);
        /// `id` is what leaf-index output reports.
        case leaf(value: Double, id: Int32, linear: _RawLinearLeaf?)
        /// Go left iff `x <= threshold` (pre-rounded); NaN goes left iff `nanLeft`.
        case numeric(feature: Int, threshold: Float, nanLeft: Bool, left: Int, right: Int)
        /// LightGBM missing type Zero.
        case zeroIsMissing(feature: Int, threshold: Float, defaultLeft: Bool, left: Int, right: Int)
        /// XGBoost categorical split: `categories` (sorted, unique) go right; NaN follows `defaultLeft`.
        case listedCategoriesGoRight(feature: Int, categories: [Int32], defaultLeft: Bool, left: Int, right: Int)
        /// LightGBM categorical split: codes in the bitset go left; NaN goes right. The bitset
        /// is the range `words` of the tree's ``_RawTree/bitsetWords``: nodes that name the
        /// same range share it (a file cannot make each of them a copy).
        case bitsetGoesLeft(feature: Int, words: Range<Int>, left: Int, right: Int)
    }

    var nodes: [Node]
    /// Output group (class).
    var group: Int
    /// When set, nodes from this index on are named "leaf k − firstLeafNode" in errors
    /// (LightGBM numbers leaves apart from internal nodes).
    var firstLeafNode: Int? = nil
    /// Bitset storage of the tree's `bitsetGoesLeft` nodes, which refer to ranges of it.
    var bitsetWords: [UInt32] = []

    /// The bitset words of a `bitsetGoesLeft` node's range.
    func bitset(_ words: Range<Int>) -> ArraySlice<UInt32> { bitsetWords[words] }
}

/// A LightGBM linear leaf: `constant + Σ coefficients[i] · x[features[i]]`, or the plain
/// leaf value when any of those features is NaN.
struct _RawLinearLeaf: Sendable {
    var constant: Double
    var features: [Int32]
    var coefficients: [Double]
}

extension _RawTree.Node {
    var children: (Int, Int)? {
        switch self {
        case .leaf: return nil
        case .numeric(_, _, _, let l, let r), .zeroIsMissing(_, _, _, let l, let r),
            .listedCategoriesGoRight(_, _, _, let l, let r), .bitsetGoesLeft(_, _, let l, let r):
            return (l, r)
        }
    }

    var feature: Int? {
        switch self {
        case .leaf: return nil
        case .numeric(let f, _, _, _, _), .zeroIsMissing(let f, _, _, _, _),
            .listedCategoriesGoRight(let f, _, _, _, _), .bitsetGoesLeft(let f, _, _, _):
            return f
        }
    }
}

/// Threshold conversions that let one `x <= t` Float comparison reproduce each framework.
enum _Thresholds {
    /// XGBoost goes left iff `x < cond` (float32). For float `x`, that is `x <= cond.nextDown`;
    /// `cond == -inf` sends nothing left, which NaN (never ≤) expresses. NaN conditions are
    /// rejected by the loader.
    static func xgboost(_ cond: Float) -> Float {
        if cond == -.infinity { return .nan }
        return cond.nextDown
    }

    /// LightGBM goes left iff `Double(x) <= thr`. For float `x`, that is `x <= f` where `f`
    /// is the largest float not above `thr`.
    static func lightGBM(_ thr: Double) -> Float {
        var f = Float(thr)
        if Double(f) > thr { f = f.nextDown }
        return f
    }
}

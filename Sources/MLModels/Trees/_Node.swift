/// One node of a flattened tree: 16 bytes, so a visit touches one cache line.
///
/// An array of these packed records (rather than one array per field) is deliberate: every
/// visit needs all four fields, and one 16-byte load beats four loads from four arrays.
///
/// Numeric nodes go left iff `x <= threshold` (thresholds are pre-rounded so that this one
/// `Float` comparison reproduces XGBoost's `x < cond` and LightGBM's double `x <= thr`
/// exactly), and a NaN goes left iff ``nanLeftBit`` is set. Leaves point to themselves on both
/// sides, so a fixed number of steps can run past a leaf without moving.
/// Nodes with ``complexBit`` (categorical splits, LightGBM zero-as-missing) keep the index
/// of their ``_ComplexNode`` in `threshold`'s bit pattern and are evaluated by the general path.
struct _Node: Sendable {
    var left: Int32
    var right: Int32
    /// Feature index in the low 28 bits, flags in the high bits.
    var featureAndFlags: UInt32
    var threshold: Float

    static let featureMask: UInt32 = 0x0FFF_FFFF
    static let nanLeftBit: UInt32 = 1 << 31
    static let complexBit: UInt32 = 1 << 30
    /// Largest feature count the encoding allows.
    static let maximumFeatureCount = Int(featureMask)

    @inline(__always) var feature: Int { Int(featureAndFlags & Self.featureMask) }
    @inline(__always) var isComplex: Bool { featureAndFlags & Self.complexBit != 0 }
    @inline(__always) var nanGoesLeft: Bool { featureAndFlags & Self.nanLeftBit != 0 }
}

/// The rule of a node that one comparison cannot express.
struct _ComplexNode: Sendable {
    enum Kind: UInt8, Sendable {
        /// XGBoost: the listed categories go RIGHT; other codes (negative, ≥ 2^24, unseen) go left.
        case listedCategoriesGoRight
        /// LightGBM: codes whose bit is set go LEFT; negative and out-of-bitset codes go right.
        case bitsetGoesLeft
        /// LightGBM missing type Zero: |x| ≤ 1e-35 follows the default direction, else `x <= threshold`.
        case zeroIsMissing
    }

    var kind: Kind
    var defaultLeft: Bool
    /// For `zeroIsMissing`: the pre-rounded threshold (go left iff `x <= threshold`).
    var threshold: Float
    /// Range in the forest's category list (XGBoost, sorted) or bitset words (LightGBM).
    var start: Int32
    var count: Int32
}

/// Per-tree facts the scorers need.
struct _TreeInfo: Sendable {
    /// Index of the root in the forest's node array.
    var root: Int32
    /// Longest root-to-leaf path in edges (0 for a single leaf).
    var depth: Int32
    /// Output group (class) the tree adds to.
    var group: Int32
    /// True when no node is complex: the branch-free lockstep path applies.
    var isSimple: Bool
    /// True when some leaf has a linear model (LightGBM linear trees).
    var hasLinearLeaves: Bool
}

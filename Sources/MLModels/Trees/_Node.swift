/// One node of a flattened tree: 16 bytes, so a visit touches one cache line.
///
/// An array of these packed records (rather than one array per field) is deliberate: every
/// visit needs all four fields, and one 16-byte load beats four loads from four arrays.
///
/// Numeric nodes go left iff `x <= t` for a pre-rounded `Float` threshold `t` (so that one
/// comparison reproduces XGBoost's float `x < cond` and LightGBM's double `x <= thr` exactly),
/// and a NaN goes left iff ``nanLeftBit`` is set. Scoring compares integer keys instead of
/// floats (see ``_Keys``): `key(x) &- nanRight <= bound`, where NaN has key 0; this folds the
/// NaN rule into the one unsigned comparison, so the step has no data-dependent branch.
/// Leaves point to themselves on both sides, so a fixed number of steps can run past a leaf.
/// Nodes with ``complexBit`` (categorical splits, LightGBM zero-as-missing) keep the index
/// of their ``_ComplexNode`` in `bound` and are evaluated by the general path.
struct _Node: Sendable {
    var left: Int32
    var right: Int32
    /// Feature index in the low 28 bits, flags in the high bits.
    var featureAndFlags: UInt32
    /// `key(t) − 1 + nanLeft` for numeric nodes; the complex-node index for complex nodes.
    var bound: UInt32

    static let featureMask: UInt32 = 0x0FFF_FFFF
    static let nanLeftBit: UInt32 = 1 << 31
    static let complexBit: UInt32 = 1 << 30
    /// Largest feature count the encoding allows.
    static let maximumFeatureCount = Int(featureMask)

    @inline(__always) var feature: Int { Int(featureAndFlags & Self.featureMask) }
    @inline(__always) var isComplex: Bool { featureAndFlags & Self.complexBit != 0 }
    @inline(__always) var nanGoesLeft: Bool { featureAndFlags & Self.nanLeftBit != 0 }
}

/// Order-preserving `Float` → `UInt32` keys: for non-NaN floats, `a <= b` ⟺ `key(a) <= key(b)`
/// once thresholds map −0 to +0. NaN (any sign or payload) has key 0, below every number
/// (−∞ has key 0x007F_FFFF).
enum _Keys {
    @inline(__always)
    static func key(_ v: Float) -> UInt32 {
        let b = v.bitPattern
        let magnitude = b & 0x7FFF_FFFF
        // Negative: flip all bits; positive: set the sign bit. Then NaN → 0 (branch-free mask).
        let k = (b >> 31) != 0 ? ~b : b | 0x8000_0000
        let notNaN = UInt32(_bit(magnitude <= 0x7F80_0000))
        return k & (0 &- notNaN)
    }

    /// The `bound` of a numeric node that goes left iff `x <= t` (t already pre-rounded; NaN
    /// `t` means no number goes left) and sends NaN left iff `nanLeft`.
    static func bound(threshold t: Float, nanLeft: Bool) -> UInt32 {
        if t.isNaN { return 0 }
        let k = key(t == 0 ? 0 : t)  // −0 compares equal to +0
        return k - 1 + (nanLeft ? 1 : 0)
    }
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

/// Per-feature bin edges of a threshold-quantized forest, and the feature → bin-code
/// encoding its nodes compare.
///
/// Code of a value: 0 for NaN, else `2 + bin(x)` where `bin(x)` is the number of the
/// feature's edges (keys, ascending) below `key(x)`. A numeric node with edge index `k` has
/// bound `k + 2` when NaN goes left and `k + 1` otherwise, and goes left iff
/// `code &- nanRight <= bound` — the same one-comparison step as float keys (``_Forest/step``):
/// numbers go left iff `bin(x) <= k`; NaN (code 0) goes left iff its side is left. A node no
/// number passes left has bound 0.
final class _BinEdges: Sendable {
    let edges: _UnsafeBuffer<UInt32>
    /// `edges[starts[j] ..< starts[j + 1]]` are feature `j`'s edges.
    let starts: _UnsafeBuffer<Int>

    init(edges: [UInt32], starts: [Int]) {
        self.edges = _UnsafeBuffer(edges)
        self.starts = _UnsafeBuffer(starts)
    }

    @inline(__always)
    func code(_ v: Float, feature j: Int) -> UInt32 {
        if v.isNaN { return 0 }
        let lo = starts.base[j]
        return UInt32(truncatingIfNeeded: _BinnedForest.lowerBound(edges.pointer, lo, starts.base[j + 1], _Keys.key(v)) - lo + 2)
    }

    /// Codes of `rows` rows of `featureCount` features.
    @inline(__always)
    func encode(_ x: UnsafePointer<Float>, rows: Int, featureCount: Int, into keys: UnsafeMutablePointer<UInt32>) {
        var i = 0
        for _ in 0..<rows {
            for j in 0..<featureCount {
                keys[i] = code(x[i], feature: j)
                i += 1
            }
        }
    }

    /// The bound of a numeric node with edge index `k` (nil: no number goes left).
    static func bound(edgeIndex k: Int?, nanLeft: Bool) -> UInt32 {
        guard let k else { return 0 }
        return UInt32(truncatingIfNeeded: k) + (nanLeft ? 2 : 1)
    }
}

/// Threshold quantization of a ``_Forest``: every numeric split threshold of feature `j`
/// becomes an index into that feature's sorted, de-duplicated thresholds (its *bin edges*),
/// a row's features are mapped once to bin indices, and numeric nodes compare the two
/// integers.
///
/// Exactness: let `e₀ < e₁ < … < e_{K-1}` be feature `j`'s edges (in the order-preserving key
/// space of ``_Keys``, where `x <= t` ⟺ `key(x) <= key(t)`) and `bin(x)` the number of edges
/// below `key(x)`, i.e. the smallest `k` with `key(x) <= e_k` (or `K`). A node with edge `e_k`
/// goes left iff `key(x) <= e_k`. If `key(x) <= e_k` then `bin(x) <= k` (minimality); if
/// `bin(x) <= k` then `key(x) <= e_{bin(x)} <= e_k`. So `bin(x) <= k` ⟺ the float decision,
/// for every non-NaN `x`. NaN gets its own code and follows the node's missing side, as before
/// (the codes and node bounds are in ``_BinEdges``). Categorical and zero-as-missing nodes are set lookups, not threshold comparisons,
/// and are evaluated on the float value exactly as in the float model.
final class _BinnedForest: Sendable {
    /// Most edges per feature (codes `2 + bin` must stay small: 16-bit bins).
    static let maximumEdges = Int(UInt16.max) - 2

    /// The float forest.
    let forest: _Forest
    /// The same trees comparing bin codes (``_BinEdges``), scored by the float engine's code.
    let quantized: _Forest
    let binEdges: _BinEdges
    let edgeStarts: [Int]

    /// - Throws: ``ModelLoadingError/Code/limitExceeded`` when a feature has more than
    ///   ``maximumEdges`` distinct thresholds.
    init(_ forest: _Forest) throws {
        let f = forest.featureCount
        var perFeature = [[UInt32]](repeating: [], count: f)
        let nodes = forest.nodes.base
        let nodeCount = forest.nodes.count
        for i in 0..<nodeCount {
            let n = nodes[i]
            guard n.left != Int32(i), !n.isComplex, let limit = Self.limit(n) else { continue }
            perFeature[n.feature].append(limit)
        }
        var flat: [UInt32] = []
        var starts = [0]
        for j in 0..<f {
            let sorted = Array(Set(perFeature[j])).sorted()
            guard sorted.count <= Self.maximumEdges else {
                throw ModelLoadingError(
                    .limitExceeded, "feature \(j) has \(sorted.count) distinct thresholds; at most \(Self.maximumEdges) fit 16-bit bins")
            }
            flat += sorted
            starts.append(flat.count)
        }
        var quantizedNodes: [_Node] = []
        quantizedNodes.reserveCapacity(nodeCount)
        for i in 0..<nodeCount {
            var n = nodes[i]
            if n.left != Int32(i), !n.isComplex {
                let k = Self.limit(n).map { limit in
                    Self.lowerBound(flat, starts[n.feature], starts[n.feature + 1], limit) - starts[n.feature]
                }
                n.bound = _BinEdges.bound(edgeIndex: k, nanLeft: n.nanGoesLeft)
            }
            quantizedNodes.append(n)
        }
        let edges = _BinEdges(edges: flat, starts: starts)
        self.forest = forest
        binEdges = edges
        edgeStarts = starts
        quantized = _Forest(quantizing: forest, nodes: quantizedNodes, binEdges: edges)
    }

    /// The largest key that goes left at numeric node `n`, or nil when no number does.
    static func limit(_ n: _Node) -> UInt32? {
        // Left iff key(x) &- nanRight <= bound; for numbers key(x) ≥ 0x007F_FFFF, so this is
        // key(x) <= bound + nanRight.
        let nanRight: UInt32 = n.nanGoesLeft ? 0 : 1
        let (limit, overflow) = n.bound.addingReportingOverflow(nanRight)
        if overflow { return .max }
        return limit >= 0x007F_FFFF ? limit : nil
    }

    /// First index in `a[lo..<hi]` whose value is ≥ `v` (`hi` if none).
    @inline(__always)
    static func lowerBound(_ a: UnsafePointer<UInt32>, _ lo: Int, _ hi: Int, _ v: UInt32) -> Int {
        var lo = lo
        var hi = hi
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func lowerBound(_ a: [UInt32], _ lo: Int, _ hi: Int, _ v: UInt32) -> Int {
        a.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return lo }
            return lowerBound(base, lo, hi, v)
        }
    }

    /// Bin edges of feature `j` as `Float` thresholds (a node with edge `t` goes left iff `x <= t`).
    func edgeValues(feature j: Int) -> [Float] {
        (edgeStarts[j]..<edgeStarts[j + 1]).map { Self.float(ofKey: binEdges.edges.base[$0]) }
    }

    /// The float whose key is `k` (the inverse of ``_Keys/key(_:)`` on numbers).
    static func float(ofKey k: UInt32) -> Float {
        k & 0x8000_0000 != 0 ? Float(bitPattern: k & 0x7FFF_FFFF) : Float(bitPattern: ~k)
    }

    /// Walks the float path of every tree of `range` for one row and counts the numeric
    /// decisions whose bin comparison differs: (numeric decisions, mismatches). `keys` are the
    /// row's float keys, `codes` its bin codes.
    func compareDecisions(
        _ x: UnsafePointer<Float>, _ keys: UnsafePointer<UInt32>, _ codes: UnsafePointer<UInt32>, trees range: Range<Int>
    ) -> (decisions: Int, mismatches: Int) {
        let nodes = forest.nodes.pointer
        let binNodes = quantized.nodes.pointer
        var decisions = 0
        var mismatches = 0
        for t in range {
            var i = forest.trees[t].root
            while nodes[Int(i)].left != i {
                let n = nodes[Int(i)]
                if n.isComplex {
                    i = forest.complexStep(n, x)
                    continue
                }
                let exact = _Forest.step(nodes, i, keys)
                decisions += 1
                if _Forest.step(binNodes, i, codes) != exact { mismatches += 1 }
                i = exact
            }
        }
        return (decisions, mismatches)
    }
}

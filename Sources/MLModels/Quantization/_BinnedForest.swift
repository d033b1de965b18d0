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
/// for every non-NaN `x`. NaN gets the bin ``nanBin`` and follows the node's missing side, as
/// before. Categorical and zero-as-missing nodes are set lookups, not threshold comparisons,
/// and are evaluated on the float value exactly as in the float model.
final class _BinnedForest: Sendable {
    /// Bin of a NaN feature.
    static let nanBin: UInt16 = .max
    /// Most edges per feature (bins must fit `UInt16` below ``nanBin``).
    static let maximumEdges = Int(UInt16.max) - 1

    let forest: _Forest
    /// Per feature: its edges' keys, `edges[edgeStarts[j] ..< edgeStarts[j + 1]]`.
    let edges: _UnsafeBuffer<UInt32>
    let edgeStarts: [Int]
    /// Per node: the edge index its numeric split compares with (left iff `bin <= nodeEdge`);
    /// -1 for a split no number passes left (XGBoost `cond = -inf`); unused for other nodes.
    let nodeEdge: _UnsafeBuffer<Int32>

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
        var nodeEdge = [Int32](repeating: -1, count: nodeCount)
        for i in 0..<nodeCount {
            let n = nodes[i]
            guard n.left != Int32(i), !n.isComplex, let limit = Self.limit(n) else { continue }
            let lo = starts[n.feature]
            let k = Self.lowerBound(flat, lo, starts[n.feature + 1], limit)
            nodeEdge[i] = Int32(k - lo)
        }
        self.forest = forest
        edges = _UnsafeBuffer(flat)
        edgeStarts = starts
        self.nodeEdge = _UnsafeBuffer(nodeEdge)
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
        (edgeStarts[j]..<edgeStarts[j + 1]).map { Self.float(ofKey: edges.base[$0]) }
    }

    /// The float whose key is `k` (the inverse of ``_Keys/key(_:)`` on numbers).
    static func float(ofKey k: UInt32) -> Float {
        k & 0x8000_0000 != 0 ? Float(bitPattern: k & 0x7FFF_FFFF) : Float(bitPattern: ~k)
    }

    /// Maps one row's features to bins.
    @inline(__always)
    func bins(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<UInt16>) {
        let e = edges.pointer
        for j in 0..<forest.featureCount {
            let v = x[j]
            if v.isNaN {
                out[j] = Self.nanBin
            } else {
                let lo = edgeStarts[j]
                out[j] = UInt16(truncatingIfNeeded: Self.lowerBound(e, lo, edgeStarts[j + 1], _Keys.key(v)) - lo)
            }
        }
    }

    /// The next node from internal node `i` on the quantized path.
    @inline(__always)
    func step(_ i: Int32, _ x: UnsafePointer<Float>, _ bins: UnsafePointer<UInt16>) -> Int32 {
        let n = forest.nodes.base[Int(i)]
        if n.isComplex { return forest.complexStep(n, x) }
        let b = bins[n.feature]
        if b == Self.nanBin { return n.nanGoesLeft ? n.left : n.right }
        return Int32(b) <= nodeEdge.base[Int(i)] ? n.left : n.right
    }

    /// The leaf reached from `root` comparing bins.
    @inline(__always)
    func leaf(from root: Int32, _ x: UnsafePointer<Float>, _ bins: UnsafePointer<UInt16>) -> Int32 {
        let nodes = forest.nodes.base
        var i = root
        while nodes[Int(i)].left != i { i = step(i, x, bins) }
        return i
    }

    /// Walks the float path of every tree of `range` and counts the numeric decisions whose
    /// quantized comparison differs: (numeric decisions, mismatches).
    func compareDecisions(
        _ x: UnsafePointer<Float>, _ keys: UnsafePointer<UInt32>, _ bins: UnsafePointer<UInt16>, trees range: Range<Int>
    ) -> (decisions: Int, mismatches: Int) {
        let nodes = forest.nodes.pointer
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
                if step(i, x, bins) != exact { mismatches += 1 }
                i = exact
            }
        }
        return (decisions, mismatches)
    }
}

/// The non-missing values of a numeric column, sorted ascending once, from which every
/// statistic of a column is derived (quantile edges, bin counts, KS, Wasserstein).
///
/// Sorting is an LSD radix sort of an order-preserving `UInt64` image of the doubles
/// (``_FusedRadixSort``): several times faster than a comparison sort on a million values, and
/// the whole cost of a drift check. `-0.0` becomes `+0.0` (they compare equal).
struct _SortedValues: Sendable {
    /// Sorted ascending, no NaN.
    let values: [Double]
    /// How many NaN (missing) values were dropped.
    let missingCount: Int

    /// Sorts `raw`, dropping NaN.
    /// Mean and Σ(x − mean)² of the values (accumulated while sorting).
    let moments: _Moments

    init(dropping raw: [Double]) {
        let sorted = _FusedRadixSort.sortedNonMissingWithMoments(raw)
        values = sorted.values
        missingCount = sorted.missing
        moments = sorted.moments
    }

    /// Sorts `raw` into the workspace's baseline or current buffer (no fresh allocation when the
    /// worker sorted a column of this size before). Give the buffer back with ``recycle(into:baseline:)``.
    init(dropping raw: [Double], workspace: _SortWorkspace, baseline: Bool) {
        var buffer: [Double] = []
        if baseline { swap(&buffer, &workspace.baseline) } else { swap(&buffer, &workspace.current) }
        let r = _FusedRadixSort.sort(raw, into: &buffer, workspace: workspace)
        values = buffer
        missingCount = r.missing
        moments = r.moments
    }

    /// Returns the storage to the workspace for the next column.
    func recycle(into workspace: _SortWorkspace, baseline: Bool) {
        if baseline { workspace.baseline = values } else { workspace.current = values }
    }

    /// Sorts `raw`, which must not hold NaN.
    /// - Throws: ``DriftError`` `.invalidArgument` naming the first NaN's index.
    init(checking raw: [Double], side: String) throws {
        if let index = raw.firstIndex(where: { $0.isNaN }) {
            throw DriftError(.invalidArgument, "NaN at index \(index); remove missing values first", path: side)
        }
        self.init(dropping: raw)
    }

    /// Wraps values the caller has already sorted.
    init(presorted: [Double]) {
        values = presorted
        missingCount = 0
        moments = _Moments(sorted: presorted)
    }

    var count: Int { values.count }

    /// Throws when the sorted values start at −∞ or end at +∞.
    /// - Throws: ``DriftError`` `.nonFiniteValue` naming the column and side.
    func checkFinite(column: String, side: String) throws {
        if let first = values.first, let last = values.last, first.isInfinite || last.isInfinite {
            throw DriftError(
                .nonFiniteValue, "holds infinite values; drift statistics need finite numbers (mark them missing instead)", path: side, field: column)
        }
    }

    /// The number of values strictly below `x` (`searchsorted(side='left')`).
    func countBelow(_ x: Double) -> Int {
        var lo = 0, hi = values.count
        values.withUnsafeBufferPointer { v in
            while lo < hi {
                let mid = (lo + hi) >> 1
                if v[mid] < x { lo = mid + 1 } else { hi = mid }
            }
        }
        return lo
    }

    /// Counts per bin for inner edges q₁…q_k (bins (−∞,q₁), [q₁,q₂), …, [q_k,∞); a value x goes
    /// to bin j = number of edges ≤ x, as `numpy.searchsorted(edges, x, side='right')`).
    func binCounts(innerEdges: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: innerEdges.count + 1)
        var previous = 0
        for (j, edge) in innerEdges.enumerated() {
            let below = countBelow(edge)
            counts[j] = below - previous
            previous = below
        }
        counts[innerEdges.count] = values.count - previous
        return counts
    }

    /// NumPy's default (`method='linear'`) quantile at probability `p` ∈ [0, 1]: virtual index
    /// h = (n − 1)·p, then `_lerp` between the neighbours exactly as NumPy rounds it.
    func quantile(_ p: Double) -> Double {
        _SortedValues.quantile(sorted: values, p)
    }

    static func quantile(sorted v: [Double], _ p: Double) -> Double {
        let n = v.count
        if n == 0 { return .nan }
        if n == 1 { return v[0] }
        let h = Double(n - 1) * p
        let lowerIndex = min(max(Int(h.rounded(.down)), 0), n - 1)
        let upperIndex = min(lowerIndex + 1, n - 1)
        let gamma = h - Double(lowerIndex)
        return lerp(v[lowerIndex], v[upperIndex], gamma)
    }

    /// NumPy's `_lerp`: a + (b−a)·t, or b − (b−a)·(1−t) when t ≥ ½.
    @inline(__always)
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }

    /// The deciles' inner edges q_{i/10}, i = 1…9.
    func decileEdges() -> [Double] {
        (1...9).map { quantile(Double($0) / 10) }
    }
}

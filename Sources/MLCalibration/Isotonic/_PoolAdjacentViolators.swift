/// Weighted pool-adjacent-violators: the non-decreasing sequence closest to `values` in
/// weighted least squares (what `scipy.optimize.isotonic_regression` returns).
///
/// One pass with a stack of blocks, each holding Σw·y and Σw; a new point is merged into the
/// previous block while that block's mean is ≥ its own (so equal means pool, as in SciPy).
/// O(n). Weights must be > 0.
enum _PoolAdjacentViolators {
    static func increasing(_ values: [Double], weights: [Double]) -> [Double] {
        let n = values.count
        var sums: [Double] = []
        var totals: [Double] = []
        var lengths: [Int] = []
        sums.reserveCapacity(n)
        totals.reserveCapacity(n)
        lengths.reserveCapacity(n)
        for i in 0..<n {
            var sum = values[i] * weights[i]
            var total = weights[i]
            var length = 1
            while let lastTotal = totals.last, let lastSum = sums.last, lastSum / lastTotal >= sum / total {
                sum += lastSum
                total += lastTotal
                length += lengths.removeLast()
                sums.removeLast()
                totals.removeLast()
            }
            sums.append(sum)
            totals.append(total)
            lengths.append(length)
        }
        var out: [Double] = []
        out.reserveCapacity(n)
        for b in 0..<sums.count {
            let mean = sums[b] / totals[b]
            for _ in 0..<lengths[b] { out.append(mean) }
        }
        return out
    }

    /// The non-increasing fit: the increasing fit of the reversed sequence, reversed back.
    static func decreasing(_ values: [Double], weights: [Double]) -> [Double] {
        Array(increasing(values.reversed(), weights: weights.reversed()).reversed())
    }
}

import MLCore

/// The per-column distances and indices of a drift check, as free functions on arrays.
///
/// Definitions (the ones of `Tests/Fixtures/drift/*/meta.json`, computed there by NumPy 2.4 and
/// SciPy 1.17):
/// - **Decile edges**: the inner edges q₁…q₉ = `numpy.quantile(baseline, i/10)` (default
///   `method='linear'`), outer edges −∞ and +∞.
/// - **Binning**: a value x goes to bin j = number of inner edges ≤ x
///   (`searchsorted(side='right')`), so bins are left-closed [q_j, q_{j+1}); discrete data gives
///   duplicate edges and so empty bins, which are kept.
/// - **PSI** = Σ_j (c_j − b_j)·ln(c_j / b_j) over the proportions, each floored at
///   ε = 10⁻⁴ (no renormalisation).
/// - **Jensen–Shannon distance**, base 2, on the same 10 bins with the raw (unfloored)
///   proportions: √(½ KL(b‖m) + ½ KL(c‖m)) / ln 2 under the root, m = (b+c)/2 — SciPy's
///   `jensenshannon(b, c, base=2)`, the square root of the divergence; in [0, 1].
/// - **Wasserstein-1** on the raw samples: ∫|F_b − F_c| dx (SciPy's `wasserstein_distance`).
///
/// Missing values (NaN) are not allowed here; ``DriftDetector`` drops them first.
public enum DriftStatistics {
    /// The floor applied to bin proportions before PSI's logarithm.
    public static let psiEpsilon = 1e-4

    /// NumPy's default-method quantile of `values` at probability `p` ∈ [0, 1].
    /// - Throws: ``DriftError`` `.emptyColumn` for no values, `.invalidArgument` for NaN
    ///   values or `p` outside [0, 1].
    public static func quantile(_ values: [Double], _ p: Double) throws -> Double {
        guard p >= 0, p <= 1 else { throw DriftError(.invalidArgument, "probability \(p) is outside [0, 1]") }
        let sorted = try _SortedValues(checking: values, side: "values")
        guard sorted.count > 0 else { throw DriftError(.emptyColumn, "no values") }
        return sorted.quantile(p)
    }

    /// The nine inner decile edges of `baseline` (NumPy linear quantiles at 0.1 … 0.9).
    /// - Throws: ``DriftError`` `.emptyColumn` for no values, `.invalidArgument` for NaN.
    public static func decileEdges(_ baseline: [Double]) throws -> [Double] {
        let sorted = try _SortedValues(checking: baseline, side: "baseline")
        guard sorted.count > 0 else { throw DriftError(.emptyColumn, "no baseline values", path: "baseline") }
        return sorted.decileEdges()
    }

    /// Counts of `values` per bin of the inner edges (k edges give k + 1 bins, left-closed).
    /// - Throws: ``DriftError`` `.invalidArgument` for NaN in `values` or `innerEdges`.
    public static func binCounts(_ values: [Double], innerEdges: [Double]) throws -> [Int] {
        if innerEdges.contains(where: { $0.isNaN }) { throw DriftError(.invalidArgument, "NaN bin edge") }
        return try _SortedValues(checking: values, side: "values").binCounts(innerEdges: innerEdges)
    }

    /// Proportions `count / total` (all zero when the total is 0).
    public static func proportions(_ counts: [Int]) -> [Double] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        return counts.map { Double($0) / Double(total) }
    }

    /// PSI = Σ (c − b)·ln(c / b) with both proportions floored at `epsilon`.
    /// - Throws: ``DriftError`` `.invalidArgument` when the arrays differ in length or hold a
    ///   negative or non-finite value.
    public static func populationStabilityIndex(
        baselineProportions b: [Double], currentProportions c: [Double], epsilon: Double = psiEpsilon
    ) throws -> Double {
        try checkDistributions(b, c)
        return psiUnchecked(b, c, epsilon: epsilon)
    }

    /// PSI of `current` against `baseline` on the baseline's decile bins (the fixture definition).
    /// - Throws: ``DriftError`` `.emptyColumn` for an empty sample, `.invalidArgument` for NaN.
    public static func populationStabilityIndex(baseline: [Double], current: [Double]) throws -> Double {
        let b = try _SortedValues(checking: baseline, side: "baseline")
        let c = try _SortedValues(checking: current, side: "current")
        guard b.count > 0 else { throw DriftError(.emptyColumn, "no baseline values", path: "baseline") }
        guard c.count > 0 else { throw DriftError(.emptyColumn, "no current values", path: "current") }
        let edges = b.decileEdges()
        return psiUnchecked(
            proportions(b.binCounts(innerEdges: edges)), proportions(c.binCounts(innerEdges: edges)),
            epsilon: psiEpsilon)
    }

    /// The Jensen–Shannon distance in base 2 between two histograms or distributions (each is
    /// normalised to sum 1 first, as SciPy does), in [0, 1].
    /// - Throws: ``DriftError`` `.invalidArgument` for different lengths, negative or non-finite
    ///   entries, or a histogram that sums to 0.
    public static func jensenShannonDistance(_ p: [Double], _ q: [Double]) throws -> Double {
        try checkDistributions(p, q)
        guard p.reduce(0, +) > 0, q.reduce(0, +) > 0 else {
            throw DriftError(.invalidArgument, "a histogram sums to 0")
        }
        return jsUnchecked(p, q)
    }

    /// The Wasserstein-1 (earth mover's) distance between the empirical distributions of two
    /// samples, in the samples' unit.
    /// - Throws: ``DriftError`` `.emptyColumn` for an empty sample, `.invalidArgument` for NaN.
    public static func wassersteinDistance(_ u: [Double], _ v: [Double]) throws -> Double {
        let a = try _SortedValues(checking: u, side: "baseline")
        let b = try _SortedValues(checking: v, side: "current")
        guard a.count > 0 else { throw DriftError(.emptyColumn, "no baseline values", path: "baseline") }
        guard b.count > 0 else { throw DriftError(.emptyColumn, "no current values", path: "current") }
        return wassersteinSorted(a.values, b.values)
    }

    // MARK: - Internal kernels (inputs validated by the caller)

    static func psiUnchecked(_ b: [Double], _ c: [Double], epsilon: Double) -> Double {
        var sum = 0.0
        for (bj, cj) in zip(b, c) {
            let bf = max(bj, epsilon), cf = max(cj, epsilon)
            sum += (cf - bf) * _Math.log(cf / bf)
        }
        return sum
    }

    static func jsUnchecked(_ pIn: [Double], _ qIn: [Double]) -> Double {
        let ps = pIn.reduce(0, +), qs = qIn.reduce(0, +)
        let p = pIn.map { $0 / ps }, q = qIn.map { $0 / qs }
        var left = 0.0, right = 0.0
        for (pj, qj) in zip(p, q) {
            let m = (pj + qj) / 2
            if pj > 0 { left += pj * _Math.log(pj / m) }
            if qj > 0 { right += qj * _Math.log(qj / m) }
        }
        let js = (left + right) / _Math.log(2.0)
        return max(js / 2, 0).squareRoot()
    }

    /// ∫|F_u − F_v| over the merged sorted values, as SciPy's `_cdf_distance(1, …)`.
    static func wassersteinSorted(_ u: [Double], _ v: [Double]) -> Double {
        let nu = u.count, nv = v.count
        guard nu > 0, nv > 0 else { return .nan }
        var i = 0, j = 0
        var sum = 0.0
        u.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { b in
                // Walk the pooled sorted values; between consecutive pooled values x_k < x_{k+1}
                // the CDFs are constant at (#u ≤ x_k)/nu and (#v ≤ x_k)/nv.
                var previous: Double
                if a[0] <= b[0] { previous = a[0]; i = 1 } else { previous = b[0]; j = 1 }
                while i < nu || j < nv {
                    let next: Double
                    let fromU = j >= nv || (i < nu && a[i] <= b[j])
                    next = fromU ? a[i] : b[j]
                    let delta = next - previous
                    if delta != 0 {
                        sum += abs(Double(i) / Double(nu) - Double(j) / Double(nv)) * delta
                    }
                    if fromU { i += 1 } else { j += 1 }
                    previous = next
                }
            }
        }
        return sum
    }

    static func checkDistributions(_ p: [Double], _ q: [Double]) throws {
        guard p.count == q.count else {
            throw DriftError(.invalidArgument, "distributions have \(p.count) and \(q.count) bins")
        }
        guard !p.isEmpty else { throw DriftError(.invalidArgument, "no bins") }
        for (side, values) in [("baseline", p), ("current", q)] {
            if let bad = values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw DriftError(.invalidArgument, "bin \(bad) is \(values[bad]); proportions must be finite and ≥ 0", path: side)
            }
        }
    }
}

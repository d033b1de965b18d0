/// The two-sample Kolmogorov–Smirnov test, two-sided, as SciPy's `ks_2samp` computes it
/// with its defaults (`alternative='two-sided'`, `method='auto'`).
///
/// **Statistic.** D = sup |F₁(x) − F₂(x)| over every observed x, with right-continuous
/// empirical CDFs (ties are evaluated after all equal values, as `searchsorted(side='right')`).
///
/// **p-value** (``Method``):
/// - `.exact` when both samples have at most 10,000 values (SciPy's `MAX_AUTO_N`): the
///   probability that a random split of the pooled data gives D ≥ the observed value, counted
///   on the lattice of paths (Hodges' "inside" method with Viehmann's recursion for 1 − p when
///   n₁ ≠ n₂; the alternating-series formula when n₁ = n₂). The statistic is reported as
///   h / lcm(n₁, n₂) with h = round(D · lcm), as SciPy does in this mode.
/// - `.asymptotic` otherwise: the one-sample two-sided Kolmogorov distribution with
///   N = round(n₁n₂/(n₁+n₂)) (SciPy's `kstwo.sf(D, N)`, Simard–L'Ecuyer's choice of
///   Durbin matrix, Pelz–Good and Smirnov's series by region). Smirnov's one-sided
///   series is summed in log space from its largest term outwards (relative error ≈ 1e-9 for
///   N ~ 10⁶, from `lgamma`); the other regions agree with SciPy to about 1e-14.
///
/// NaN values must be removed by the caller (``DriftDetector`` drops missing values and
/// reports the missing rate separately); the initializers throw on NaN.
///
/// ```swift
/// let ks = try KolmogorovSmirnovTest(baseline: [0.1, 0.4, 0.7], current: [0.5, 0.9, 1.3, 2.0])
/// ks.statistic   // 0.6666…
/// ks.pValue      // 0.2571…, as scipy.stats.ks_2samp
/// ```
public struct KolmogorovSmirnovTest: Sendable, Codable, Equatable {
    /// How the p-value was computed.
    public enum Method: String, Sendable, Codable, Equatable {
        /// Exact lattice-path count (both samples ≤ 10,000 values).
        case exact
        /// Kolmogorov distribution with N = round(n₁n₂/(n₁+n₂)).
        case asymptotic
    }

    /// SciPy's `MAX_AUTO_N`: above this sample size `method='auto'` switches to the asymptotic form.
    public static let maximumExactSampleSize = 10_000

    /// D, in [0, 1].
    public let statistic: Double
    /// P(D ≥ observed) under the null hypothesis of one common distribution, in [0, 1].
    public let pValue: Double
    /// How ``pValue`` was computed.
    public let method: Method
    /// The baseline sample size (non-missing values).
    public let baselineCount: Int
    /// The current sample size (non-missing values).
    public let currentCount: Int

    /// Runs the test on two samples (any order; NaN not allowed).
    /// - Parameter method: `nil` (the default) chooses as SciPy's `'auto'`; `.exact` or
    ///   `.asymptotic` force one (exact falls back to asymptotic when lcm(n₁, n₂) ≥ 2³¹, as SciPy).
    /// - Throws: ``DriftError`` `.emptyColumn` when a sample is empty, `.invalidArgument` on NaN.
    public init(baseline: [Double], current: [Double], method: Method? = nil) throws {
        let a = try _SortedValues(checking: baseline, side: "baseline")
        let b = try _SortedValues(checking: current, side: "current")
        try self.init(sortedBaseline: a.values, sortedCurrent: b.values, method: method)
    }

    /// Runs the test on samples already sorted ascending (no NaN); O(n₁ + n₂) plus the p-value.
    init(sortedBaseline a: [Double], sortedCurrent b: [Double], method requested: Method? = nil) throws {
        guard a.count > 0 else { throw DriftError(.emptyColumn, "no baseline values for the KS test", path: "baseline") }
        guard b.count > 0 else { throw DriftError(.emptyColumn, "no current values for the KS test", path: "current") }
        try self.init(extreme: Self.extremeDifference(a, b), n1: a.count, n2: b.count, method: requested)
    }

    /// Builds the test from the extreme ECDF difference found by a scan of the sorted samples.
    init(extreme: (integerDifference: Int, floatingDifference: Double), n1: Int, n2: Int, method requested: Method? = nil) throws {
        guard n1 > 0, n2 > 0 else { throw DriftError(.emptyColumn, "no values for the KS test") }
        let g = Self.gcd(n1, n2)
        var method = requested ?? (max(n1, n2) <= Self.maximumExactSampleSize ? .exact : .asymptotic)
        if method == .exact, (n1 / g) >= Int(Int32.max) / (n2 / g) { method = .asymptotic }
        baselineCount = n1
        currentCount = n2
        if method == .exact {
            // h = |i·n2 − j·n1| / g exactly; D = h / lcm.
            let h = extreme.integerDifference / g
            let lcm = (n1 / g) * n2
            let d = Double(h) / Double(lcm)
            if h == 0 {
                statistic = d
                pValue = 1
                self.method = .exact
                return
            }
            let p = n1 == n2
                ? _KolmogorovSmirnovExact.probabilityOutsideSquare(n: n1, h: h)
                : _KolmogorovSmirnovExact.probabilityOutsideInside(m: n1, n: n2, g: g, h: h)
            if p.isFinite, p >= 0, p <= 1 {
                statistic = d
                pValue = p
                self.method = .exact
                return
            }
            // SciPy falls back to the asymptotic form when the exact count fails.
            let nEff = Self.effectiveCount(n1, n2)
            statistic = d
            pValue = min(max(_KolmogorovDistribution.survival(d, n: nEff), 0), 1)
            self.method = .asymptotic
            return
        }
        statistic = extreme.floatingDifference
        pValue = min(max(_KolmogorovDistribution.survival(extreme.floatingDifference, n: Self.effectiveCount(n1, n2)), 0), 1)
        self.method = .asymptotic
    }

    /// N = round(n₁n₂/(n₁+n₂)) with NumPy's round-half-to-even.
    static func effectiveCount(_ n1: Int, _ n2: Int) -> Int {
        let m = Double(max(n1, n2)), n = Double(min(n1, n2))
        let en = m * n / (m + n)
        return max(1, Int(en.rounded(.toNearestOrEven)))
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// The largest |F₁ − F₂| over the pooled values: as the exact integer |i·n₂ − j·n₁| and as
    /// SciPy's floating-point `i/n₁ − j/n₂` at the same point (positive side preferred on ties,
    /// as `ks_2samp` keeps `maxS` unless `minS > maxS`).
    static func extremeDifference(_ a: [Double], _ b: [Double]) -> (integerDifference: Int, floatingDifference: Double) {
        _SortedComparison(a, b).ksExtreme
    }
}

/// One merge pass over two sorted samples that yields both the KS extreme ECDF difference and
/// the Wasserstein-1 distance (each pooled distinct value is visited once).
struct _SortedComparison {
    let ksExtreme: (integerDifference: Int, floatingDifference: Double)
    let wasserstein: Double

    init(_ a: [Double], _ b: [Double]) {
        let n1 = a.count, n2 = b.count
        guard n1 > 0, n2 > 0 else {
            wasserstein = .nan
            ksExtreme = (0, 0)
            return
        }
        // The pooled values are split at the baseline's median into two independent segments
        // that are merged in the same loop, one step of each per iteration: the two dependency
        // chains (load → compare → advance) then overlap, about 1.7× faster than one merge.
        // Each segment starts from a complete state, so every complete state is evaluated once.
        let split = a[n1 / 2]
        let ia = Self.countBelow(a, split), jb = Self.countBelow(b, split)
        var low = _MergeSegment(i: 0, j: 0, iEnd: ia, jEnd: jb, previous: 0)
        var high = _MergeSegment(i: ia, j: jb, iEnd: n1, jEnd: n2, previous: 0)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                low.previous = Self.firstValue(x, y, low)
                if ia > 0 || jb > 0 {
                    // The largest value below the split: the state (ia, jb) after it is complete.
                    let lastA = ia > 0 ? x[ia - 1] : -Double.infinity
                    let lastB = jb > 0 ? y[jb - 1] : -Double.infinity
                    high.previous = Swift.max(lastA, lastB)
                } else {
                    high.previous = Self.firstValue(x, y, high)
                }
                let context = _MergeContext(x: x, y: y, n1: n1, n2: n2, inv1: 1 / Double(n1), inv2: 1 / Double(n2))
                // Fast path while neither segment has exhausted a side: no end checks per step.
                while low.i < low.iEnd && low.j < low.jEnd && high.i < high.iEnd && high.j < high.jEnd {
                    context.interiorStep(&low)
                    context.interiorStep(&high)
                }
                while !low.isDone && !high.isDone {
                    context.step(&low)
                    context.step(&high)
                }
                while !low.isDone { context.step(&low) }
                while !high.isDone { context.step(&high) }
            }
        }
        wasserstein = low.w1 + high.w1
        let plus = high.bestPlus > low.bestPlus ? (high.bestPlus, high.bestPlusI, high.bestPlusJ) : (low.bestPlus, low.bestPlusI, low.bestPlusJ)
        let minus = high.bestMinus > low.bestMinus ? (high.bestMinus, high.bestMinusI, high.bestMinusJ) : (low.bestMinus, low.bestMinusI, low.bestMinusJ)
        ksExtreme = Self.extreme(plus.0, plus.1, plus.2, minus.0, minus.1, minus.2, n1, n2)
    }

    static func countBelow(_ v: [Double], _ x: Double) -> Int {
        var lo = 0, hi = v.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if v[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func firstValue(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ s: _MergeSegment) -> Double {
        let xv = s.i < s.iEnd ? x[s.i] : Double.infinity
        let yv = s.j < s.jEnd ? y[s.j] : Double.infinity
        return Swift.min(xv, yv)
    }

    static func extreme(
        _ bestPlus: Int, _ bestPlusI: Int, _ bestPlusJ: Int, _ bestMinus: Int, _ bestMinusI: Int, _ bestMinusJ: Int,
        _ n1: Int, _ n2: Int
    ) -> (integerDifference: Int, floatingDifference: Double) {
        if bestMinus > bestPlus {
            let f = Double(bestMinusJ) / Double(n2) - Double(bestMinusI) / Double(n1)
            return (bestMinus, min(max(f, 0), 1))
        }
        let f = Double(bestPlusI) / Double(n1) - Double(bestPlusJ) / Double(n2)
        return (bestPlus, f)
    }
}

/// SciPy's exact two-sample KS p-values (two-sided), ported step for step so that results agree
/// to rounding: `_compute_prob_outside_square` (n₁ = n₂) and `_compute_outer_prob_inside_method`.
enum _KolmogorovSmirnovExact {
    /// P(D_{n,n} ≥ h/n) = 2·Σ_k (−1)^(k−1) C(2n, n−kh)/C(2n, n), evaluated by a Horner-like
    /// scheme on the ratios (no cancellation).
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var p1 = 1.0
            for j in 0..<h {
                p1 = Double(n - k * h - j) * p1 / Double(n + k * h + j + 1)
            }
            p = p1 * (1.0 - p)
            k -= 1
        }
        return 2 * p
    }

    /// The proportion of lattice paths from (0,0) to (m,n) that leave the band
    /// |x/m − y/n| < h/lcm(m,n), computed column by column as 1 − p (Viehmann 2021).
    static func probabilityOutsideInside(m mIn: Int, n nIn: Int, g: Int, h: Int) -> Double {
        let m = max(mIn, nIn), n = min(mIn, nIn)
        let mg = m / g, ng = n / g
        var minj = 0
        var maxj = min(ceilDiv(h, mg), n + 1)
        var curlen = maxj - minj
        let lenA = min(2 * maxj + 2, n + 1)
        // One more than SciPy's length of ones, so no index can leave the buffer; the extra
        // cells hold 1.0 exactly like SciPy's carried-over cells.
        var a = [Double](repeating: 1.0, count: max(lenA, n + 2) + 2)
        for idx in minj..<maxj where idx < a.count { a[idx] = 0.0 }
        let count = a.count
        return a.withUnsafeMutableBufferPointer { buf -> Double in
            for i in 1...m {
                let lastminj = minj, lastlen = curlen
                minj = max(floorDiv(ng * i - h, mg) + 1, 0)
                minj = min(minj, n)
                maxj = min(ceilDiv(ng * i + h, mg), n + 1)
                if maxj <= minj { return 1.0 }
                var val = minj == 0 ? 0.0 : 1.0
                let di = Double(i)
                for jj in 0..<(maxj - minj) {
                    let j = jj + minj
                    let src = jj + minj - lastminj
                    let prev = src >= 0 && src < count ? buf[src] : 1.0
                    val = (prev * di + val * Double(j)) / (di + Double(j))
                    buf[jj] = val
                }
                curlen = maxj - minj
                if lastlen > curlen {
                    let start = maxj - minj
                    let end = min(start + (lastlen - curlen), count)
                    if start < end { for t in start..<end { buf[t] = 1 } }
                }
            }
            let last = maxj - minj - 1
            return last >= 0 && last < count ? buf[last] : .nan
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
}

/// The state of one merge segment: next indexes, ends, the previous pooled value, and the
/// partial W1 sum and KS extremes.
struct _MergeSegment {
    var i: Int
    var j: Int
    let iEnd: Int
    let jEnd: Int
    var previous: Double
    var w1 = 0.0
    var bestPlus = 0, bestPlusI = 0, bestPlusJ = 0
    var bestMinus = 0, bestMinusI = 0, bestMinusJ = 0

    init(i: Int, j: Int, iEnd: Int, jEnd: Int, previous: Double) {
        self.i = i
        self.j = j
        self.iEnd = iEnd
        self.jEnd = jEnd
        self.previous = previous
    }

    var isDone: Bool { i >= iEnd && j >= jEnd }
}

struct _MergeContext {
    let x: UnsafeBufferPointer<Double>
    let y: UnsafeBufferPointer<Double>
    let n1: Int
    let n2: Int
    let inv1: Double
    let inv2: Double

    /// Consumes one pooled value (the segment must not be done). The state (i, j) is complete —
    /// every value ≤ previous consumed, ties included — exactly when the next value differs from
    /// the previous one; only then is the KS difference evaluated and W1 accumulated.
    @inline(__always)
    func step(_ s: inout _MergeSegment) {
        let hasX = s.i < s.iEnd, hasY = s.j < s.jEnd
        let xv = hasX ? x[s.i] : 0
        let yv = hasY ? y[s.j] : 0
        let takeX = hasX && (!hasY || xv <= yv)
        let v = takeX ? xv : yv
        advance(&s, value: v, takeX: takeX)
    }

    /// ``step(_:)`` when both sides of the segment still have values.
    @inline(__always)
    func interiorStep(_ s: inout _MergeSegment) {
        let xv = x[s.i], yv = y[s.j]
        let takeX = xv <= yv
        let v = takeX ? xv : yv
        advance(&s, value: v, takeX: takeX)
    }

    /// Records the step to value `v` (a new distinct value updates the extreme differences
    /// and the Wasserstein sum) and moves past the element taken.
    @inline(__always)
    func advance(_ s: inout _MergeSegment, value v: Double, takeX: Bool) {
        if v != s.previous {
            let d = s.i &* n2 &- s.j &* n1
            if d > s.bestPlus { s.bestPlus = d; s.bestPlusI = s.i; s.bestPlusJ = s.j }
            if -d > s.bestMinus { s.bestMinus = -d; s.bestMinusI = s.i; s.bestMinusJ = s.j }
            s.w1 += Swift.abs(Double(s.i) * inv1 - Double(s.j) * inv2) * (v - s.previous)
            s.previous = v
        }
        s.i &+= takeX ? 1 : 0
        s.j &+= takeX ? 0 : 1
    }
}

import MLCore

/// Pearson's chi-square test of homogeneity between the category counts of a baseline and a
/// current sample: SciPy's `chi2_contingency` on the 2 × K table [baseline; current] with
/// `correction=False` (no Yates correction; K − 1 degrees of freedom).
///
/// Categories are the sorted union of those seen on either side (byte-wise order of the UTF-8
/// text, as Python sorts `str`). A category seen only in the current data ("unseen") is a
/// column with baseline count 0: its expected count is still positive, so the statistic is
/// defined, and ``unseenCategories`` lists it. With one category only, the statistic is 0 and
/// the p-value 1 (no evidence of change; SciPy returns the same with dof 0).
///
/// ```swift
/// let t = try ChiSquareTest(baselineCounts: ["a": 40, "b": 60], currentCounts: ["a": 70, "b": 30, "c": 5])
/// t.unseenCategories   // ["c"]
/// ```
public struct ChiSquareTest: Sendable, Codable, Equatable {
    /// The sorted union of categories.
    public let categories: [String]
    /// Baseline counts, one per category.
    public let baselineCounts: [Int]
    /// Current counts, one per category.
    public let currentCounts: [Int]
    /// Σ (observed − expected)² / expected over the 2 × K cells.
    public let statistic: Double
    /// P(χ²_{dof} ≥ statistic).
    public let pValue: Double
    /// K − 1 (0 with one category).
    public let degreesOfFreedom: Int
    /// Categories present in the current data but never in the baseline.
    public let unseenCategories: [String]
    /// Categories present in the baseline but absent from the current data.
    public let vanishedCategories: [String]

    /// Runs the test on two category → count maps (counts ≥ 0; zero-count entries are ignored).
    /// - Throws: ``DriftError`` `.emptyColumn` when a side has no counts, `.invalidArgument` for
    ///   a negative count.
    public init(baselineCounts: [String: Int], currentCounts: [String: Int]) throws {
        for (side, counts) in [("baseline", baselineCounts), ("current", currentCounts)] {
            if let bad = counts.first(where: { $0.value < 0 }) {
                throw DriftError(.invalidArgument, "category '\(bad.key)' has negative count \(bad.value)", path: side)
            }
        }
        let keys = Set(baselineCounts.filter { $0.value > 0 }.keys).union(currentCounts.filter { $0.value > 0 }.keys)
        let categories = keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let b = categories.map { baselineCounts[$0] ?? 0 }
        let c = categories.map { currentCounts[$0] ?? 0 }
        try self.init(categories: categories, baseline: b, current: c)
    }

    init(categories: [String], baseline b: [Int], current c: [Int]) throws {
        let nb = b.reduce(0, +), nc = c.reduce(0, +)
        guard nb > 0 else { throw DriftError(.emptyColumn, "no baseline categories", path: "baseline") }
        guard nc > 0 else { throw DriftError(.emptyColumn, "no current categories", path: "current") }
        self.categories = categories
        baselineCounts = b
        currentCounts = c
        unseenCategories = zip(categories, zip(b, c)).filter { $0.1.0 == 0 }.map(\.0)
        vanishedCategories = zip(categories, zip(b, c)).filter { $0.1.1 == 0 }.map(\.0)
        let total = Double(nb + nc)
        var stat = 0.0
        for k in categories.indices {
            let column = Double(b[k] + c[k])
            let eb = Double(nb) * column / total
            let ec = Double(nc) * column / total
            stat += (Double(b[k]) - eb) * (Double(b[k]) - eb) / eb
            stat += (Double(c[k]) - ec) * (Double(c[k]) - ec) / ec
        }
        degreesOfFreedom = max(categories.count - 1, 0)
        if degreesOfFreedom == 0 {
            statistic = 0
            pValue = 1
        } else {
            statistic = stat
            pValue = _IncompleteGamma.upperRegularized(Double(degreesOfFreedom) / 2, stat / 2)
        }
    }
}

/// The regularized incomplete gamma functions, for chi-square tail probabilities:
/// Q(a, x) = Γ(a, x)/Γ(a) by Lentz's continued fraction for x ≥ a + 1 and 1 − P(a, x) by the
/// power series otherwise (Numerical Recipes §6.2), relative accuracy ≈ 1e-14; the continued
/// fraction keeps full relative precision deep in the tail (Q ≈ 1e-300 is still accurate).
enum _IncompleteGamma {
    static func upperRegularized(_ a: Double, _ x: Double) -> Double {
        if x.isNaN || a.isNaN || a <= 0 { return .nan }
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        if x < a + 1 { return max(0, 1 - lowerSeries(a, x)) }
        return continuedFraction(a, x)
    }

    static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var ap = a
        var sum = 1.0 / a
        var del = sum
        for _ in 0..<10_000 {
            ap += 1
            del *= x / ap
            sum += del
            if abs(del) < abs(sum) * 1e-17 { break }
        }
        return sum * _Math.exp(-x + a * _Math.log(x) - _logGamma(a))
    }

    static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return _Math.exp(-x + a * _Math.log(x) - _logGamma(a)) * h
    }
}

/// ln Γ(x) for x > 0 (the C library's `lgamma`, named once here to avoid the overload
/// ambiguity with the standard library's tuple-returning variant).
@inline(__always)
func _logGamma(_ x: Double) -> Double {
    let f: (Double) -> Double = _Math.lgamma
    return f(x)
}

/// The direction of a reduction.
public enum ReductionAxis: Sendable, Hashable {
    /// Reduce down the rows: one value per column (NumPy `axis=0`).
    case perColumn
    /// Reduce across the columns: one value per row (NumPy `axis=1`).
    case perRow
}

/// Sums, means and variances. All accumulate in `Double` in index order, so results
/// are deterministic and `Float` matrices do not lose precision in long sums. NaN
/// elements propagate (the result is NaN), as NumPy's `sum`/`mean`/`var` do.
extension Matrix {
    /// Sum of all elements, accumulated in `Double`. `0` for an empty matrix.
    public func sum() -> Double {
        elements.withUnsafeBufferPointer { p in
            var s = 0.0
            for v in p { s += Double(v) }
            return s
        }
    }

    /// Mean of all elements; NaN for an empty matrix.
    public func mean() -> Double { isEmpty ? .nan : sum() / Double(elements.count) }

    /// Sums along an axis, accumulated in `Double`.
    /// - Returns: `columns` values for ``ReductionAxis/perColumn``, `rows` for ``ReductionAxis/perRow``.
    public func sum(_ axis: ReductionAxis) -> [Double] {
        elements.withUnsafeBufferPointer { p in
            switch axis {
            case .perColumn:
                var out = [Double](repeating: 0, count: columns)
                for i in 0..<rows {
                    let base = i * columns
                    for j in 0..<columns { out[j] += Double(p[base + j]) }
                }
                return out
            case .perRow:
                var out = [Double](repeating: 0, count: rows)
                for i in 0..<rows {
                    let base = i * columns
                    var s = 0.0
                    for j in 0..<columns { s += Double(p[base + j]) }
                    out[i] = s
                }
                return out
            }
        }
    }

    /// Means along an axis (NaN where the reduced length is 0).
    public func mean(_ axis: ReductionAxis) -> [Double] {
        let n = Double(axis == .perColumn ? rows : columns)
        return sum(axis).map { $0 / n }
    }

    /// Variances along an axis, `Σ(x − mean)² / (n − ddof)` computed in two passes in `Double`
    /// (NumPy's `var(axis, ddof=)`). NaN where `n − ddof ≤ 0`.
    /// - Parameter ddof: delta degrees of freedom: 0 for the population variance, 1 for the sample variance.
    public func variance(_ axis: ReductionAxis, ddof: Int = 0) -> [Double] {
        let means = mean(axis)
        let n = axis == .perColumn ? rows : columns
        let denominator = Double(n - ddof)
        return elements.withUnsafeBufferPointer { p in
            switch axis {
            case .perColumn:
                var out = [Double](repeating: 0, count: columns)
                for i in 0..<rows {
                    let base = i * columns
                    for j in 0..<columns {
                        let d = Double(p[base + j]) - means[j]
                        out[j] += d * d
                    }
                }
                return out.map { denominator > 0 ? $0 / denominator : .nan }
            case .perRow:
                var out = [Double](repeating: 0, count: rows)
                for i in 0..<rows {
                    let base = i * columns
                    var s = 0.0
                    for j in 0..<columns {
                        let d = Double(p[base + j]) - means[i]
                        s += d * d
                    }
                    out[i] = denominator > 0 ? s / denominator : .nan
                }
                return out
            }
        }
    }

    /// Standard deviations along an axis: the square roots of ``variance(_:ddof:)``.
    public func standardDeviation(_ axis: ReductionAxis, ddof: Int = 0) -> [Double] {
        variance(axis, ddof: ddof).map { $0.squareRoot() }
    }
}

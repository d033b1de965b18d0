import MLCore
import Testing

/// Records a test issue unless `actual` is within `tolerance` of `expected` (NaN-aware).
///
/// ```swift
/// expectClose(auc, 0.8125, .absolute(1e-9))
/// ```
public func expectClose<A: BinaryFloatingPoint, E: BinaryFloatingPoint>(
    _ actual: A, _ expected: E, _ tolerance: Tolerance, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let a = Double(actual), e = Double(expected)
    if !tolerance.accepts(a, e) {
        Issue.record(
            Comment(rawValue: "\(a) is not within (\(tolerance)) of \(e) (|Δ| = \(abs(a - e)))" + suffix(comment)),
            sourceLocation: sourceLocation)
    }
}

/// Records a test issue unless the two sequences have equal length and agree element-wise
/// within `tolerance`; the issue names the first mismatch and the number of mismatches.
public func expectClose<A: BinaryFloatingPoint, E: BinaryFloatingPoint>(
    _ actual: some Collection<A>, _ expected: some Collection<E>, _ tolerance: Tolerance,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    if let mismatch = firstMismatch(actual, expected, tolerance: tolerance) {
        Issue.record(
            Comment(rawValue: "arrays differ (\(tolerance)): \(mismatch)" + suffix(comment)),
            sourceLocation: sourceLocation)
    }
}

/// Records a test issue unless the matrices have the same shape and agree element-wise within `tolerance`.
public func expectClose<A: MatrixScalar, E: MatrixScalar>(
    _ actual: Matrix<A>, _ expected: Matrix<E>, _ tolerance: Tolerance, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.rows == expected.rows, actual.columns == expected.columns else {
        Issue.record(
            Comment(rawValue: "shapes differ: \(actual.rows)×\(actual.columns) vs expected \(expected.rows)×\(expected.columns)"
                + suffix(comment)),
            sourceLocation: sourceLocation)
        return
    }
    if let m = firstMismatch(actual.elements, expected.elements, tolerance: tolerance) {
        let row = actual.columns == 0 ? 0 : m.index / actual.columns
        let column = actual.columns == 0 ? 0 : m.index % actual.columns
        Issue.record(
            Comment(rawValue: "matrices differ (\(tolerance)) at (\(row), \(column)): \(m)" + suffix(comment)),
            sourceLocation: sourceLocation)
    }
}

private func suffix(_ comment: Comment?) -> String {
    comment.map { ": \($0.rawValue)" } ?? ""
}

/// An absolute-plus-relative tolerance for comparing floating-point results:
/// `|actual − expected| ≤ absolute + relative · |expected|`.
///
/// NaN is equal only to NaN (a missing value must stay missing); `+∞` equals only `+∞`.
public struct Tolerance: Sendable, Hashable, CustomStringConvertible {
    /// The absolute part, in the values' units.
    public var absolute: Double
    /// The relative part, a fraction of `|expected|`.
    public var relative: Double

    /// A tolerance with both parts (each ≥ 0).
    public init(absolute: Double = 0, relative: Double = 0) {
        self.absolute = absolute
        self.relative = relative
    }

    /// Exact equality (NaN still equals NaN).
    public static let exact = Tolerance()

    /// Only an absolute tolerance.
    public static func absolute(_ value: Double) -> Tolerance { Tolerance(absolute: value) }

    /// Only a relative tolerance.
    public static func relative(_ value: Double) -> Tolerance { Tolerance(relative: value) }

    /// Whether `actual` is within this tolerance of `expected`.
    public func accepts(_ actual: Double, _ expected: Double) -> Bool {
        if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
        if actual == expected { return true }
        if actual.isInfinite || expected.isInfinite { return false }
        return abs(actual - expected) <= absolute + relative * abs(expected)
    }

    public var description: String { "abs \(absolute), rel \(relative)" }
}

/// The first place two sequences differ beyond a tolerance, with a count of all such places.
public struct Mismatch: Sendable, CustomStringConvertible {
    /// Index of the first mismatching element.
    public let index: Int
    /// The actual value there.
    public let actual: Double
    /// The expected value there.
    public let expected: Double
    /// How many elements mismatch in all.
    public let count: Int
    /// The largest absolute difference among non-NaN pairs.
    public let maxAbsoluteDifference: Double

    public var description: String {
        "\(count) mismatch(es); first at [\(index)]: \(actual) vs expected \(expected); max |Δ| = \(maxAbsoluteDifference)"
    }
}

/// Compares two sequences element by element; `nil` when they agree within `tolerance`
/// (lengths must match: a length difference is reported as a mismatch at the shorter length).
public func firstMismatch<A: BinaryFloatingPoint, E: BinaryFloatingPoint>(
    _ actual: some Collection<A>, _ expected: some Collection<E>, tolerance: Tolerance
) -> Mismatch? {
    let a = actual.map { Double($0) }
    let e = expected.map { Double($0) }
    if a.count != e.count {
        let n = min(a.count, e.count)
        return Mismatch(index: n, actual: .nan, expected: .nan, count: abs(a.count - e.count), maxAbsoluteDifference: .infinity)
    }
    var first: Int?
    var count = 0
    var maxDiff = 0.0
    for i in 0..<a.count {
        if !a[i].isNaN && !e[i].isNaN { maxDiff = max(maxDiff, abs(a[i] - e[i])) }
        if !tolerance.accepts(a[i], e[i]) {
            count += 1
            if first == nil { first = i }
        }
    }
    guard let index = first else { return nil }
    return Mismatch(index: index, actual: a[index], expected: e[index], count: count, maxAbsoluteDifference: maxDiff)
}

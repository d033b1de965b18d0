import MLCore

/// Simple return over `periods` bars: `xₜ / xₜ₋ₖ − 1`, in `Double`, NumPy's order of operations
/// (not a TA-Lib function). A zero base gives ±∞ or NaN, as NumPy does.
///
/// Lookback `periods`. Streaming and batch forms are bit-identical.
/// ```swift
/// try SimpleReturn.compute([100, 110, 99], periods: 1)   // [nan, 0.1, -0.1]
/// ```
public struct SimpleReturn: Sendable, Hashable, Codable {
    /// Bars back, ≥ 1.
    public var periods: Int { lag.period.value }
    private var lag: _Lagged

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `periods`) unless 1 ≤ `periods` ≤ 100,000.
    public init(periods: Int) throws {
        lag = try _Lagged(periods, "periods")
    }

    init(unchecked periods: Int) { lag = _Lagged(unchecked: periods) }

    /// Outputs undefined before the first: `periods`.
    public var lookback: Int { periods }

    /// Takes the next price; returns the return since `periods` bars ago, or nil before. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        lag.push(x).map { x / $0 - 1 }
    }

    /// The returns of `values`: same length, NaN for the first ``lookback`` entries.
    /// - Throws: ``FeatureError`` `.invalidParameter` for `periods` outside 1...100,000.
    public static func compute(_ values: [Double], periods: Int) throws -> [Double] {
        var state = try SimpleReturn(periods: periods)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}

/// Log return over `periods` bars: `log(xₜ / xₜ₋ₖ)` (natural log, the C library's `log`).
///
/// Lookback `periods`. Streaming and batch forms are bit-identical. Non-positive prices give NaN
/// or ±∞, as `log` does.
public struct LogReturn: Sendable, Hashable, Codable {
    /// Bars back, ≥ 1.
    public var periods: Int { lag.period.value }
    private var lag: _Lagged

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `periods`) unless 1 ≤ `periods` ≤ 100,000.
    public init(periods: Int) throws {
        lag = try _Lagged(periods, "periods")
    }

    /// Outputs undefined before the first: `periods`.
    public var lookback: Int { periods }

    /// Takes the next price; returns the log return since `periods` bars ago, or nil before. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        lag.push(x).map { _Math.log(x / $0) }
    }

    /// The log returns of `values`: same length, NaN for the first ``lookback`` entries.
    /// - Throws: ``FeatureError`` `.invalidParameter` for `periods` outside 1...100,000.
    public static func compute(_ values: [Double], periods: Int) throws -> [Double] {
        var state = try LogReturn(periods: periods)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}

/// On-balance volume, TA-Lib's `OBV`: starts at the first bar's volume (not 0), then adds the
/// volume on a higher close, subtracts it on a lower close, and keeps it on an equal close.
///
/// Lookback 0. Streaming and batch forms are bit-identical.
public struct OBV: Sendable, Hashable, Codable {
    private var started = false
    private var previousClose = 0.0
    private var total = 0.0

    /// A fresh OBV (no parameters).
    public init() {}

    /// Outputs undefined before the first: 0.
    public var lookback: Int { 0 }

    /// Takes the next close and volume; returns the running OBV (volume units). O(1).
    @discardableResult
    public mutating func update(close: Double, volume: Double) -> Double {
        if !started {
            started = true
            total = volume
        } else if close > previousClose {
            total += volume
        } else if close < previousClose {
            total -= volume
        }
        previousClose = close
        return total
    }

    /// The OBV of a series.
    /// - Throws: ``FeatureError`` `.invalidInput` (argument `volume`) when the lengths differ.
    public static func compute(close: [Double], volume: [Double]) throws -> [Double] {
        try FeatureError.requireSameLength(close.count, ["volume": volume.count])
        var state = OBV()
        return close.withUnsafeBufferPointer { c in
            volume.withUnsafeBufferPointer { v in
                _Batch.run(c.count) { state.update(close: c[$0], volume: v[$0]) }
            }
        }
    }
}

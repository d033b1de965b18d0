/// One price bar, the input of a ``FeatureStream``.
public struct OHLCVBar: Sendable, Hashable, Codable {
    /// Opening price.
    public var open: Double
    /// Highest price.
    public var high: Double
    /// Lowest price.
    public var low: Double
    /// Closing price.
    public var close: Double
    /// Traded volume.
    public var volume: Double

    /// A bar from its five values (prices and volume in the input's units).
    public init(open: Double, high: Double, low: Double, close: Double, volume: Double) {
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}

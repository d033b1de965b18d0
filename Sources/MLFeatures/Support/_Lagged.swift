/// The value `period` bars before the newest: a ring of `period + 1` values, the state ROC,
/// ROCP and the simple and log returns share.
struct _Lagged: Sendable, Hashable, Codable {
    let period: _Period
    private var window: _Ring

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `name`) unless 1 ≤ `period` ≤ 100,000.
    init(_ period: Int, _ name: String) throws {
        try FeatureError.requirePeriod(period, name, minimum: 1)
        self.init(unchecked: period)
    }

    init(unchecked period: Int) {
        self.period = _Period(period)
        window = _Ring(capacity: period + 1)
    }

    /// Takes the next value; returns the value `period` bars before it, once there is one. O(1).
    @inline(__always)
    mutating func push(_ x: Double) -> Double? {
        window.push(x)
        return window.isFull ? window.oldest : nil
    }
}

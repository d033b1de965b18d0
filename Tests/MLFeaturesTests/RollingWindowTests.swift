import MLFeatures
import Testing

/// The rolling highest high and lowest low behind WILLR and STOCH (a monotonic deque) give the
/// window's exact extremes on the series that stress it: monotone runs (every bar evicts the
/// extreme, or none does), ties, and a seeded pseudo-random walk.
@Suite struct RollingWindowTests {
    /// Williams' %R computed by scanning each window, with the same operations as TA-Lib.
    func naiveWilliamsR(high: [Double], low: [Double], close: [Double], period: Int) -> [Double] {
        close.indices.map { t in
            guard t >= period - 1 else { return .nan }
            let window = (t - period + 1)...t
            let hh = window.map { high[$0] }.max() ?? .nan, ll = window.map { low[$0] }.min() ?? .nan
            let diff = (hh - ll) / (-100.0)
            return diff != 0.0 ? (hh - close[t]) / diff : 0.0
        }
    }

    static let series: [(String, [Double])] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var walk: [Double] = [100]
        for _ in 0..<299 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            walk.append(walk[walk.count - 1] + Double(Int(state >> 60) - 8) / 4)
        }
        return [
            ("decreasing", (0..<60).map { 100 - Double($0) }),
            ("increasing", (0..<60).map { Double($0) }),
            ("ties", (0..<60).map { Double($0 % 3) }),
            ("walk", walk),
        ]
    }()

    @Test(arguments: [2, 3, 5, 14], [0, 1, 2, 3])
    func williamsRMatchesAWindowScan(period: Int, series index: Int) throws {
        let (name, x) = Self.series[index]
        let high = x.map { $0 + 1 }, low = x.map { $0 - 1.5 }, close = x
        let fast = try WilliamsR.compute(high: high, low: low, close: close, period: period)
        let naive = naiveWilliamsR(high: high, low: low, close: close, period: period)
        expectBitIdentical(fast, naive, "\(name), period \(period)")
    }
}

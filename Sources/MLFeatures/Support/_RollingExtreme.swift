/// The maximum (or minimum) of the last `capacity` values, in amortized O(1) per value: a monotonic
/// deque of (bar number, value) held in fixed arrays (allocated once, never per value).
///
/// TA-Lib rescans its window when the extreme leaves it (O(period) per bar in the worst case);
/// both give the same value — the window's exact maximum or minimum — so outputs are unchanged.
/// Decoding validates the indices, so a tampered checkpoint throws instead of trapping.
struct _RollingExtreme: Sendable, Hashable, Codable {
    /// Whether the maximum (true) or the minimum (false) is tracked.
    let tracksMaximum: Bool
    private var bars: [Int]
    private var values: [Double]
    private var head = 0
    private var count = 0
    private var bar = 0  // the number of the next value

    init(capacity: Int, tracksMaximum: Bool) {
        self.tracksMaximum = tracksMaximum
        bars = [Int](repeating: 0, count: Swift.max(1, capacity))
        values = [Double](repeating: 0, count: Swift.max(1, capacity))
    }

    /// Adds `x` and returns the extreme of the last `capacity` values (fewer at the start).
    mutating func push(_ x: Double) -> Double {
        let capacity = values.count
        // Drop the front when it leaves the window (and, defensively, when the deque is full).
        if count > 0, bar &- bars[head] >= capacity || count == capacity {
            head = head + 1 == capacity ? 0 : head + 1
            count -= 1
        }
        // Drop the back while it cannot be the extreme any more (ties: the newer one stays).
        while count > 0 {
            let back = slot(count - 1)
            let dominated = tracksMaximum ? values[back] <= x : values[back] >= x
            guard dominated else { break }
            count -= 1
        }
        let tail = slot(count)
        bars[tail] = bar
        values[tail] = x
        count += 1
        bar &+= 1
        return values[head]
    }

    private func slot(_ offset: Int) -> Int {
        let i = head + offset
        return i >= values.count ? i - values.count : i
    }

    private enum CodingKeys: String, CodingKey { case tracksMaximum, bars, values, head, count, bar }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tracksMaximum = try c.decode(Bool.self, forKey: .tracksMaximum)
        bars = try c.decode([Int].self, forKey: .bars)
        values = try c.decode([Double].self, forKey: .values)
        head = try c.decode(Int.self, forKey: .head)
        count = try c.decode(Int.self, forKey: .count)
        bar = try c.decode(Int.self, forKey: .bar)
        guard !values.isEmpty, bars.count == values.count, (0..<values.count).contains(head),
            (0...values.count).contains(count)
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent rolling-extreme indices")
            )
        }
    }
}

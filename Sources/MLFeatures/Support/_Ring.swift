/// A fixed-capacity circular buffer of the last `capacity` values, written in slot order
/// 0, 1, …, capacity − 1, 0, … — the order of TA-Lib's `CIRCBUF` (CCI sums its slots in that
/// order, so the order is part of the arithmetic).
///
/// Storage is allocated once at creation; ``push(_:)`` never allocates. Decoding validates the
/// indices, so a tampered checkpoint throws instead of trapping later.
struct _Ring: Sendable, Hashable, Codable {
    /// The slots; `storage.count` is the capacity (≥ 1).
    private(set) var storage: [Double]
    /// The slot the next value goes to.
    private(set) var next: Int = 0
    /// How many values have been pushed, saturating at the capacity.
    private(set) var count: Int = 0

    init(capacity: Int) {
        storage = [Double](repeating: 0, count: Swift.max(1, capacity))
    }

    var capacity: Int { storage.count }
    var isFull: Bool { count == storage.count }

    /// Once full, the oldest value held (the one the next ``push(_:)`` overwrites).
    var oldest: Double { storage[next] }

    /// Writes `value` into the next slot.
    mutating func push(_ value: Double) {
        storage[next] = value
        next = next + 1 == storage.count ? 0 : next + 1
        if count < storage.count { count += 1 }
    }

    /// The value in the slot the next ``push(_:)`` writes (0 until that slot was written).
    var nextSlot: Double { storage[next] }

    private enum CodingKeys: String, CodingKey { case storage, next, count }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storage = try container.decode([Double].self, forKey: .storage)
        next = try container.decode(Int.self, forKey: .next)
        count = try container.decode(Int.self, forKey: .count)
        guard !storage.isEmpty, (0..<storage.count).contains(next), (0...storage.count).contains(count) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent ring buffer indices")
            )
        }
    }
}

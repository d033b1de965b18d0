/// One entity's recent events (time, value, category), addressed by their sequence number: the
/// entity's 0-based event count, which only grows. Holds the events `first..<end`; the slot of
/// event `s` is `s & (capacity − 1)` (the capacity is a power of two and grows by doubling, so
/// memory follows the largest number of events that were ever inside the longest window).
struct _EventRing<Category: Hashable & Codable & Sendable>: Sendable {
    private(set) var times: [Int64]
    private(set) var values: [Double]
    /// Empty when no category is kept.
    private(set) var categories: [Category?]
    let keepsCategories: Bool
    /// The sequence number of the oldest event held.
    private(set) var first = 0
    /// One past the sequence number of the newest event.
    private(set) var end = 0

    init(keepsCategories: Bool, capacity: Int = 8) {
        self.keepsCategories = keepsCategories
        times = [Int64](repeating: 0, count: capacity)
        values = [Double](repeating: 0, count: capacity)
        categories = keepsCategories ? [Category?](repeating: nil, count: capacity) : []
    }

    private var mask: Int { times.count - 1 }

    @inline(__always) func time(_ s: Int) -> Int64 { times[s & mask] }
    @inline(__always) func value(_ s: Int) -> Double { values[s & mask] }
    @inline(__always) func category(_ s: Int) -> Category? { categories[s & mask] }

    /// Forgets every event (keeps the storage), for the next entity of a batch.
    mutating func removeAll() {
        first = 0
        end = 0
    }

    /// Appends the newest event.
    mutating func append(time: Int64, value: Double, category: Category?) {
        if end - first == times.count { grow() }
        let slot = end & mask
        times[slot] = time
        values[slot] = value
        if keepsCategories { categories[slot] = category }
        end += 1
    }

    /// Forgets the events before `s` (`first ≤ s ≤ end`).
    mutating func dropFirst(upTo s: Int) { first = s }

    private mutating func grow() {
        let capacity = times.count * 2
        var newTimes = [Int64](repeating: 0, count: capacity)
        var newValues = [Double](repeating: 0, count: capacity)
        var newCategories = keepsCategories ? [Category?](repeating: nil, count: capacity) : []
        let newMask = capacity - 1
        for s in first..<end {
            newTimes[s & newMask] = time(s)
            newValues[s & newMask] = value(s)
            if keepsCategories { newCategories[s & newMask] = category(s) }
        }
        times = newTimes
        values = newValues
        categories = newCategories
    }

    /// Whether the decoded storage is usable: a power-of-two capacity, equal array sizes, and
    /// `0 ≤ first ≤ end ≤ first + capacity`.
    var isConsistent: Bool {
        let capacity = times.count
        return capacity > 0 && capacity & (capacity - 1) == 0 && values.count == capacity
            && categories.count == (keepsCategories ? capacity : 0)
            && first >= 0 && first <= end && end - first <= capacity
    }
}

extension _EventRing: Codable {
    private enum CodingKeys: String, CodingKey { case times, values, categories, keepsCategories, first, end }

    /// Values are encoded by bit pattern (exact, and NaN — a missing value — needs no JSON strategy).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(times, forKey: .times)
        try c.encode(values.map(\.bitPattern), forKey: .values)
        try c.encode(categories, forKey: .categories)
        try c.encode(keepsCategories, forKey: .keepsCategories)
        try c.encode(first, forKey: .first)
        try c.encode(end, forKey: .end)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        times = try c.decode([Int64].self, forKey: .times)
        values = try c.decode([UInt64].self, forKey: .values).map { Double(bitPattern: $0) }
        categories = try c.decode([Category?].self, forKey: .categories)
        keepsCategories = try c.decode(Bool.self, forKey: .keepsCategories)
        first = try c.decode(Int.self, forKey: .first)
        end = try c.decode(Int.self, forKey: .end)
    }
}

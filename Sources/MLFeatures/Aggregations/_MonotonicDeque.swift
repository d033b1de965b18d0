/// The minimum or maximum of a sliding window of events in amortized O(1) per event: a deque of
/// (sequence number, value) whose values are monotonic from front (the extreme) to back.
///
/// Adding a value drops the back entries it dominates (for a maximum those `≤` it, for a minimum
/// those `≥` it, pandas' tie rule: the newer of equal values stays); the front leaves when its
/// event leaves the window. Storage is a power-of-two ring that grows by doubling.
struct _MonotonicDeque: Sendable, Hashable {
    let tracksMaximum: Bool
    private var sequence: [Int]
    private var values: [Double]
    private var head = 0
    private(set) var count = 0

    init(tracksMaximum: Bool) {
        self.tracksMaximum = tracksMaximum
        sequence = [Int](repeating: 0, count: 8)
        values = [Double](repeating: 0, count: 8)
    }

    private var mask: Int { values.count - 1 }

    mutating func removeAll() {
        head = 0
        count = 0
    }

    /// Adds event `s` with value `x` (NaN is skipped: it is never an extreme).
    @inline(__always)
    mutating func add(_ s: Int, _ x: Double) {
        guard !x.isNaN else { return }
        while count > 0 {
            let back = values[(head + count - 1) & mask]
            guard tracksMaximum ? back <= x : back >= x else { break }
            count -= 1
        }
        if count == values.count { grow() }
        let slot = (head + count) & mask
        sequence[slot] = s
        values[slot] = x
        count += 1
    }

    /// Drops the entries of events before `s`.
    @inline(__always)
    mutating func removeBefore(_ s: Int) {
        while count > 0, sequence[head] < s {
            head = (head + 1) & mask
            count -= 1
        }
    }

    /// The window's extreme, NaN when it holds no value.
    var extreme: Double { count > 0 ? values[head] : .nan }

    private mutating func grow() {
        let capacity = values.count * 2
        var newSequence = [Int](repeating: 0, count: capacity)
        var newValues = [Double](repeating: 0, count: capacity)
        for i in 0..<count {
            newSequence[i] = sequence[(head + i) & mask]
            newValues[i] = values[(head + i) & mask]
        }
        sequence = newSequence
        values = newValues
        head = 0
    }

    /// Whether the decoded storage is usable (power-of-two capacity, indices inside it).
    var isConsistent: Bool {
        let capacity = values.count
        return capacity > 0 && capacity & (capacity - 1) == 0 && sequence.count == capacity
            && (0..<capacity).contains(head) && (0...capacity).contains(count)
    }
}

extension _MonotonicDeque: Codable {
    private enum CodingKeys: String, CodingKey { case tracksMaximum, sequence, values, head, count }

    /// Values are encoded by bit pattern (exact; infinities need no JSON strategy).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tracksMaximum, forKey: .tracksMaximum)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(values.map(\.bitPattern), forKey: .values)
        try c.encode(head, forKey: .head)
        try c.encode(count, forKey: .count)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tracksMaximum = try c.decode(Bool.self, forKey: .tracksMaximum)
        sequence = try c.decode([Int].self, forKey: .sequence)
        values = try c.decode([UInt64].self, forKey: .values).map { Double(bitPattern: $0) }
        head = try c.decode(Int.self, forKey: .head)
        count = try c.decode(Int.self, forKey: .count)
    }
}

/// A set of sample indices held as ascending, disjoint, non-adjacent half-open ranges: how a
/// time-series split stores its train and test sets without one integer per sample.
///
/// `count` is the number of indices; iterating yields them in ascending order; ``indices``
/// materializes them as an array (what scikit-learn-style code expects).
public struct IndexRanges: Sendable, Equatable, Sequence, CustomStringConvertible {
    /// The ranges, ascending, disjoint, never empty and never touching.
    public let ranges: [Range<Int>]
    /// The number of indices.
    public let count: Int

    /// The union of `ranges` (in any order, possibly overlapping, touching or empty), normalized.
    public init(_ ranges: [Range<Int>]) {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        merged.reserveCapacity(sorted.count)
        for r in sorted {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<Swift.max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        self.ranges = merged
        self.count = merged.reduce(0) { $0 + $1.count }
    }

    /// Ranges already ascending, disjoint and non-touching (internal fast path).
    init(normalized ranges: [Range<Int>]) {
        self.ranges = ranges
        self.count = ranges.reduce(0) { $0 + $1.count }
    }

    /// The indices in `0..<upperBound` that are not in `self`.
    public func complement(upTo upperBound: Int) -> IndexRanges {
        var out: [Range<Int>] = []
        out.reserveCapacity(ranges.count + 1)
        var start = 0
        for r in ranges {
            let lo = Swift.min(r.lowerBound, upperBound)
            if start < lo { out.append(start..<lo) }
            start = Swift.max(start, r.upperBound)
        }
        if start < upperBound { out.append(start..<upperBound) }
        return IndexRanges(normalized: out)
    }

    /// Whether `index` is in the set (binary search over the ranges).
    public func contains(_ index: Int) -> Bool {
        var lo = 0
        var hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= index { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(index)
    }

    /// The indices, ascending.
    public var indices: [Int] {
        [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            var k = 0
            for r in ranges {
                for i in r {
                    buffer[k] = i
                    k += 1
                }
            }
            initialized = k
        }
    }

    /// Iterates the indices in ascending order.
    public func makeIterator() -> FlattenSequence<[Range<Int>]>.Iterator {
        ranges.joined().makeIterator()
    }

    /// `[0..<20, 43..<120]`.
    public var description: String {
        "[" + ranges.map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: ", ") + "]"
    }
}

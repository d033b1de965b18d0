/// What an entity's state must maintain for an ``EntityAggregation`` (only what some aggregate
/// reads is updated).
struct _Needs: Sendable, Hashable, Codable {
    var variance = false
    var minimum = false
    var maximum = false
    var distinct = false

    init(_ aggregates: [EntityAggregate]) {
        variance = aggregates.contains(.std)
        minimum = aggregates.contains(.min)
        maximum = aggregates.contains(.max)
        distinct = aggregates.contains(.distinct)
    }
}

/// One look-back window of one entity: the sequence number of its first event, its moments, its
/// extremes and its category counts.
struct _WindowState<Category: Hashable & Codable & Sendable>: Sendable, Codable {
    /// The window length in nanoseconds.
    let length: Int64
    /// The sequence number of the window's first event.
    var start = 0
    var moments = _RollingMoments()
    var minimum: _MonotonicDeque
    var maximum: _MonotonicDeque
    /// How many of the window's events have each category, and how many categories that is.
    var categoryCounts: [Category: Int] = [:]

    init(length: Int64) {
        self.length = length
        minimum = _MonotonicDeque(tracksMaximum: false)
        maximum = _MonotonicDeque(tracksMaximum: true)
    }

    /// Empties the window, keeping storage.
    mutating func removeAll(at s: Int) {
        start = s
        moments.reset()
        minimum.removeAll()
        maximum.removeAll()
        categoryCounts.removeAll(keepingCapacity: true)
    }

    /// Adds event `s` of `ring`.
    @inline(__always)
    mutating func add(_ s: Int, _ ring: _EventRing<Category>, _ needs: _Needs) {
        let x = ring.value(s)
        moments.add(x, variance: needs.variance)
        if needs.minimum { minimum.add(s, x) }
        if needs.maximum { maximum.add(s, x) }
        if needs.distinct, let c = ring.category(s) { categoryCounts[c, default: 0] += 1 }
    }

    /// Removes event `s` of `ring` (the window's oldest).
    @inline(__always)
    mutating func remove(_ s: Int, _ ring: _EventRing<Category>, _ needs: _Needs) {
        moments.remove(ring.value(s), variance: needs.variance)
        if needs.distinct, let c = ring.category(s) {
            let left = (categoryCounts[c] ?? 1) - 1
            categoryCounts[c] = left > 0 ? left : nil
        }
    }

    /// For an event at `time` (value `x`): moves the window to the events in `[time − length, time)`
    /// among `start..<newEnd` of `ring` and writes `aggregates` into `out` from `offset`; returns
    /// the new start. One mutating call per window and event, so the state is updated in place.
    @inline(__always)
    mutating func advance(
        time: Int64, end newEnd: Int, previousEnd: Int, value x: Double, _ ring: _EventRing<Category>, _ needs: _Needs,
        _ aggregates: [EntityAggregate], into out: inout [Double], at offset: Int
    ) -> Int {
        let (difference, overflow) = time.subtractingReportingOverflow(length)
        let lower = overflow ? Int64.min : difference
        var s = start
        while s < newEnd && ring.time(s) < lower { s += 1 }
        slide(to: s, end: newEnd, previousEnd: previousEnd, ring, needs)
        write(aggregates, value: x, into: &out, at: offset)
        return s
    }

    /// Moves the window to the events `newStart..<newEnd` of `ring`, the previous window being
    /// `start..<previousEnd` (`start ≤ newStart`, `previousEnd ≤ newEnd`), in pandas' order:
    /// removals, then additions; a fresh start when the two windows share no event.
    @inline(__always)
    mutating func slide(
        to newStart: Int, end newEnd: Int, previousEnd: Int, _ ring: _EventRing<Category>, _ needs: _Needs
    ) {
        if newStart >= previousEnd {
            removeAll(at: newStart)
            for s in newStart..<newEnd { add(s, ring, needs) }
        } else {
            for s in start..<newStart { remove(s, ring, needs) }
            for s in previousEnd..<newEnd { add(s, ring, needs) }
            if needs.minimum { minimum.removeBefore(newStart) }
            if needs.maximum { maximum.removeBefore(newStart) }
            if moments.unstable { moments.recomputeVariance((newStart..<newEnd).lazy.map { ring.value($0) }) }
        }
        start = newStart
    }

    /// Writes `aggregates` of the window (for an event of value `x`) into `out` from `offset`.
    @inline(__always)
    func write(_ aggregates: [EntityAggregate], value x: Double, into out: inout [Double], at offset: Int) {
        var i = offset
        for aggregate in aggregates {
            let result: Double
            switch aggregate {
            case .count: result = Double(moments.count)
            case .sum: result = moments.sumValue
            case .mean: result = moments.meanValue
            case .std: result = moments.standardDeviation
            case .min: result = minimum.extreme
            case .max: result = maximum.extreme
            case .distinct: result = Double(categoryCounts.count)
            case .ratio:
                let mean = moments.meanValue
                result = mean.isNaN || mean == 0 ? .nan : x / mean
            }
            out[i] = result
            i += 1
        }
    }

    /// Whether decoded indices are usable against a ring holding `first..<end` events of which
    /// `admitted` are in windows.
    func isConsistent(first: Int, admitted: Int) -> Bool {
        first <= start && start <= admitted && minimum.isConsistent && maximum.isConsistent
            && moments.count >= 0 && moments.count <= admitted - start
            && !minimum.tracksMaximum && maximum.tracksMaximum
            && categoryCounts.values.allSatisfy { $0 > 0 }
    }
}

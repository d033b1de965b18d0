/// Everything one entity needs to compute the next event's features: its events inside the longest
/// window (plus those at the latest instant, which later events at that instant must not see), each
/// window's running statistics, and the previous event's time.
///
/// The batch form runs this same code over each entity's events in time order (reusing one state
/// per entity, ``removeAll()`` in between), the streaming form keeps one per entity; so both give
/// bit-identical features.
struct _EntityState<Category: Hashable & Codable & Sendable>: Sendable, Codable {
    private(set) var ring: _EventRing<Category>
    private(set) var windows: [_WindowState<Category>]
    /// Events before this sequence number have been added to the windows; the later ones share
    /// the latest time and wait for an event at a later time.
    private(set) var admitted = 0
    /// The time of the previous event, nil before the first.
    private(set) var lastTime: Int64?
    let needs: _Needs

    init(_ aggregation: EntityAggregation) {
        needs = _Needs(aggregation.aggregates)
        ring = _EventRing(keepsCategories: needs.distinct)
        windows = aggregation.windows.map { _WindowState(length: $0.nanoseconds) }
    }

    /// The number of events seen.
    var eventCount: Int { ring.end }

    /// Forgets every event, keeping storage.
    mutating func removeAll() {
        ring.removeAll()
        for k in windows.indices { windows[k].removeAll(at: 0) }
        admitted = 0
        lastTime = nil
    }

    /// Takes the next event of the entity and writes its ``EntityAggregation/featureCount``
    /// features into `out` from `offset`.
    ///
    /// Precondition (checked by the callers): `time` is not before ``lastTime``.
    @inline(__always)
    mutating func push(
        time: Int64, value: Double, category: Category?, aggregation: EntityAggregation,
        into out: inout [Double], at offset: Int
    ) {
        // The events strictly before `time` join the windows: [admitted, newEnd).
        var newEnd = admitted
        while newEnd < ring.end && ring.time(newEnd) < time { newEnd += 1 }
        var first = newEnd
        var o = offset
        for k in windows.indices {
            let s = windows[k].advance(
                time: time, end: newEnd, previousEnd: admitted, value: value, ring, needs, aggregation.aggregates,
                into: &out, at: o)
            o += aggregation.aggregates.count
            first = min(first, s)
        }
        if aggregation.recency {
            out[o] = lastTime.map { Self.seconds(from: $0, to: time) } ?? .nan
        }
        admitted = newEnd
        ring.dropFirst(upTo: first)
        ring.append(time: time, value: value, category: category)
        lastTime = time
    }

    /// The seconds from `a` to `b` (nanoseconds): exact for whole seconds (the whole and fractional
    /// parts are converted separately).
    static func seconds(from a: Int64, to b: Int64) -> Double {
        let (nanoseconds, overflow) = b.subtractingReportingOverflow(a)
        if overflow { return (Double(b) - Double(a)) / 1e9 }
        let (whole, fraction) = nanoseconds.quotientAndRemainder(dividingBy: EventTime.nanosecondsPerSecond)
        return fraction == 0 ? Double(whole) : Double(whole) + Double(fraction) / 1e9
    }

    /// Whether a decoded state is usable with `aggregation` (so a tampered checkpoint throws
    /// instead of trapping later).
    func isConsistent(with aggregation: EntityAggregation) -> Bool {
        guard ring.isConsistent, needs == _Needs(aggregation.aggregates), ring.keepsCategories == needs.distinct,
            windows.count == aggregation.windows.count,
            ring.first <= admitted, admitted <= ring.end
        else { return false }
        for (window, spec) in zip(windows, aggregation.windows) {
            guard window.length == spec.nanoseconds, window.isConsistent(first: ring.first, admitted: admitted)
            else { return false }
        }
        return true
    }
}

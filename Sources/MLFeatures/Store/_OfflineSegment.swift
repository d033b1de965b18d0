import MLCore

/// One batch of offline rows laid out for point-in-time reads: grouped by entity (entities in
/// byte order of their keys), each entity's rows sorted by event time, then created time, then
/// arrival order — so the row a read at time `t` wants is found by a binary search and a short
/// walk back, and the last of equal rows (the latest correction) wins.
struct _OfflineSegment: Sendable {
    /// The entity keys, unique, in byte order.
    var entities: [String]
    /// `entityEnds[k]`: one past entity `k`'s last row (entity `k`'s rows start at `entityEnds[k-1]`, or 0).
    var entityEnds: [Int]
    /// Per row, nanoseconds since the epoch.
    var eventTimes: [Int64]
    /// Per row, nanoseconds since the epoch.
    var createdTimes: [Int64]
    /// `rows × width` values, row-major.
    var values: [Double]
    /// Values per row.
    let width: Int

    var rowCount: Int { eventTimes.count }

    /// The rows of entity `k`.
    func rows(ofEntity k: Int) -> Range<Int> { (k == 0 ? 0 : entityEnds[k - 1])..<entityEnds[k] }

    /// Lays out `rows`; equal (entity, event, created) keep their input order.
    init(_ rows: FeatureRows) {
        self.init(
            entityKeys: rows.entities, eventTimes: rows.eventTimes, createdTimes: rows.createdTimes, values: rows.values,
            width: rows.width)
    }

    init(entities: [String], entityEnds: [Int], eventTimes: [Int64], createdTimes: [Int64], values: [Double], width: Int) {
        self.entities = entities
        self.entityEnds = entityEnds
        self.eventTimes = eventTimes
        self.createdTimes = createdTimes
        self.values = values
        self.width = width
    }

    private init(entityKeys: [String], eventTimes: [Int64], createdTimes: [Int64], values: [Double], width: Int) {
        // Entity ids by first appearance, then ranks in byte order of the keys.
        var ids: [String: Int] = [:]
        var names: [String] = []
        var idOfRow = [Int](repeating: 0, count: entityKeys.count)
        for (row, key) in entityKeys.enumerated() {
            if let id = ids[key] {
                idOfRow[row] = id
            } else {
                let id = names.count
                ids[key] = id
                names.append(key)
                idOfRow[row] = id
            }
        }
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var rank = [Int](repeating: 0, count: names.count)
        for (r, id) in order.enumerated() { rank[id] = r }
        // Counting sort by entity rank (stable), then each entity's rows by (event, created, input order).
        var ends = [Int](repeating: 0, count: names.count)
        for id in idOfRow { ends[rank[id]] += 1 }
        var running = 0
        for k in ends.indices {
            running += ends[k]
            ends[k] = running
        }
        var next = [Int](repeating: 0, count: names.count)
        for k in names.indices.dropFirst() { next[k] = ends[k - 1] }
        var order2 = [Int](repeating: 0, count: entityKeys.count)
        for (row, id) in idOfRow.enumerated() {
            let k = rank[id]
            order2[next[k]] = row
            next[k] += 1
        }
        var start = 0
        for end in ends {
            order2[start..<end].sort { a, b in
                if eventTimes[a] != eventTimes[b] { return eventTimes[a] < eventTimes[b] }
                if createdTimes[a] != createdTimes[b] { return createdTimes[a] < createdTimes[b] }
                return a < b
            }
            start = end
        }
        let sortedValues = [Double](unsafeUninitializedCapacity: values.count) { to, initialized in
            _Platform.adviseHugePages(UnsafeMutableRawBufferPointer(to))
            values.withUnsafeBufferPointer { from in
                guard let base = to.baseAddress else { return }  // no values
                for (position, row) in order2.enumerated() {
                    for j in 0..<width { (base + position * width + j).initialize(to: from[row * width + j]) }
                }
            }
            initialized = values.count
        }
        self.init(
            entities: order.map { names[$0] }, entityEnds: ends, eventTimes: order2.map { eventTimes[$0] },
            createdTimes: order2.map { createdTimes[$0] }, values: sortedValues, width: width)
    }

    /// All rows of `segments` (same width) in one layout; among equal (entity, event, created) the
    /// row of the later segment comes last, so it wins as it would have across the segments.
    static func merged(_ segments: [_OfflineSegment], width: Int) -> _OfflineSegment {
        var keys: [String] = []
        var events: [Int64] = []
        var created: [Int64] = []
        var values: [Double] = []
        for segment in segments {
            for k in segment.entities.indices {
                let range = segment.rows(ofEntity: k)
                keys.append(contentsOf: repeatElement(segment.entities[k], count: range.count))
            }
            events.append(contentsOf: segment.eventTimes)
            created.append(contentsOf: segment.createdTimes)
            values.append(contentsOf: segment.values)
        }
        return _OfflineSegment(entityKeys: keys, eventTimes: events, createdTimes: created, values: values, width: width)
    }

    /// Ranges of whole entities of about `targetRows` rows each (an entity with more rows is a
    /// range alone), in order: how the segment is split into stored pieces.
    func pieceRanges(targetRows: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var firstEntity = 0
        while firstEntity < entities.count {
            let startRow = firstEntity == 0 ? 0 : entityEnds[firstEntity - 1]
            var lastEntity = firstEntity + 1
            while lastEntity < entities.count, entityEnds[lastEntity] - startRow <= targetRows { lastEntity += 1 }
            out.append(firstEntity..<lastEntity)
            firstEntity = lastEntity
        }
        return out
    }
}

import MLCore

extension FeatureStore {
    /// The online values of `entities` in `view` (in that order), read at the store's clock: a
    /// stored record is `present` when `now − event ≤ ttl`, else `expired` (values NaN); no
    /// record is `missing`.
    /// - Parameters:
    ///   - features: the features to return, in this order (all when nil).
    ///   - pinnedVersion: refuse unless the view, and every record read, is at this version.
    /// - Throws: ``FeatureError`` `.unknownView`, `.invalidParameter` for an unknown feature,
    ///   `.versionMismatch`, `.storage`.
    public func get(
        view viewName: String, entities: [String], features: [String]? = nil, pinnedVersion: String? = nil
    ) throws -> [OnlineFeatureValues] {
        let (stored, records) = try backend.readOnlineWithView(viewName, entities: entities)
        guard let view = stored?.view else {
            throw FeatureError(.unknownView, "no view '\(viewName)' in the store", field: viewName)
        }
        if let pinnedVersion, view.version != pinnedVersion {
            throw FeatureError(
                .versionMismatch,
                "view '\(viewName)' is at version \(view.version.prefix(12)), not the pinned \(pinnedVersion.prefix(12))",
                field: viewName)
        }
        let columns = try Self.columns(features, of: view)
        let now = options.clock()
        let ttl = view.ttlNanoseconds
        return try zip(entities, records).map { entity, record in
            guard let record else {
                return OnlineFeatureValues(
                    entity: entity, values: Array(repeating: .nan, count: columns.count),
                    statuses: Array(repeating: .missing, count: columns.count), eventTime: nil)
            }
            guard record.values.count == view.features.count else {
                throw FeatureError(
                    .storage, "online record of '\(entity)' in '\(viewName)' has \(record.values.count) values, the view \(view.features.count)")
            }
            if let pinnedVersion, record.version != pinnedVersion {
                throw FeatureError(
                    .versionMismatch,
                    "online record of '\(entity)' was written under version \(record.version.prefix(12)), not the pinned \(pinnedVersion.prefix(12))",
                    field: viewName)
            }
            let status: FeatureStatus = FeatureView.isExpired(event: record.eventTime, at: now, ttl: ttl) ? .expired : .present
            return OnlineFeatureValues(
                entity: entity, values: columns.map { status == .present ? record.values[$0] : .nan },
                statuses: Array(repeating: status, count: columns.count), eventTime: record.eventTime)
        }
    }

    /// Pushes fresh rows (a streaming computation's output) to `view`'s online store — each
    /// entity's latest row, replacing a stored record only when at least as recent — and, when
    /// `offline` is set, appends them to the offline store as well.
    /// - Returns: online records written.
    /// - Throws: as ``ingest(_:into:)``.
    @discardableResult
    public func push(_ rows: FeatureRows, into viewName: String, offline: Bool = false) throws -> Int {
        let view = try self.view(named: viewName).view
        guard rows.width == view.features.count else {
            throw FeatureError(
                .invalidInput, "rows have \(rows.width) values each, view '\(viewName)' has \(view.features.count) features",
                argument: "rows")
        }
        if offline { try ingest(rows, into: viewName) }
        let segment = _OfflineSegment(rows)
        let version = view.version
        let records = segment.entities.indices.map { k in
            let row = segment.rows(ofEntity: k).upperBound - 1
            return OnlineRecord(
                entity: segment.entities[k], version: version, eventTime: segment.eventTimes[row],
                createdTime: segment.createdTimes[row],
                values: Array(segment.values[(row * segment.width)..<((row + 1) * segment.width)]))
        }
        let written = try backend.writeOnline(view: viewName, records: records)
        try record(viewName, "push", ["rows": String(rows.count), "written": String(written), "offline": String(offline)])
        return written
    }

    /// Copies each entity's point-in-time row at `end` (as known at `end`: created ≤ `end`) from
    /// the offline to the online store. Full (`start` nil): every entity. Incremental: only
    /// entities with a row whose event or created time is in (`start`, `end`]. Older rows never
    /// replace newer online records. Records `end` as the view's materialization time.
    /// - Parameters:
    ///   - start: exclusive start (ns); nil for a full materialization.
    ///   - end: the time to materialize to (ns); nil = the store's clock.
    /// - Throws: ``FeatureError`` `.unknownView`, `.invalidParameter` when `start > end`, `.storage`.
    @discardableResult
    public func materialize(view viewName: String, from start: Int64? = nil, to end: Int64? = nil) throws
        -> MaterializationReport
    {
        let view = try self.view(named: viewName).view
        let end = end ?? options.clock()
        if let start, start > end {
            throw FeatureError(.invalidParameter, "the start is after the end", field: "start")
        }
        let snapshot = try loadOffline(view, pinnedVersion: nil)
        var keys = Set<String>()
        for indexed in snapshot.segments {
            let segment = indexed.segment
            for (k, entity) in segment.entities.enumerated() {
                guard let start else {
                    keys.insert(entity)
                    continue
                }
                let touched = segment.rows(ofEntity: k).contains { row in
                    let event = segment.eventTimes[row]
                    let created = segment.createdTimes[row]
                    return (event > start && event <= end) || (created > start && created <= end)
                }
                if touched { keys.insert(entity) }
            }
        }
        let entities = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let version = view.version
        var records: [OnlineRecord] = []
        records.reserveCapacity(entities.count)
        snapshot.withBuffers { buffers in
            for entity in entities {
                guard let (s, row) = _OfflineSnapshot.find(entity, at: end, asOfCreated: true, in: buffers) else { continue }
                let b = buffers[s]
                records.append(
                    OnlineRecord(
                        entity: entity, version: version, eventTime: b.events[row], createdTime: b.created[row],
                        values: Array(b.values[(row * b.width)..<((row + 1) * b.width)])))
            }
        }
        let written = try backend.writeOnline(view: viewName, records: records)
        try backend.setMaterializedUntil(end, view: viewName)
        var details = ["end": String(end), "entities": String(entities.count), "written": String(written)]
        if let start { details["start"] = String(start) }
        try record(viewName, "materialize", details)
        return MaterializationReport(view: viewName, start: start, end: end, entities: entities.count, written: written)
    }

    /// Compares online records with an offline point-in-time read (as known then) at the view's
    /// latest materialization time, for up to `sample` entities of the online store (chosen by
    /// `seed`; all of them when there are fewer): the event time and every value must be equal
    /// (bit for bit; missing equals missing). Mismatches are named.
    /// - Throws: ``FeatureError`` `.unknownView`, `.invalidParameter` when the view was never
    ///   materialized or `sample` < 1, `.storage`.
    public func parity(view viewName: String, sample: Int = 1_000, seed: UInt64 = 0) throws -> ParityReport {
        let stored = try self.view(named: viewName)
        let view = stored.view
        guard let at = stored.materializedUntil else {
            throw FeatureError(.invalidParameter, "view '\(viewName)' has not been materialized", field: viewName)
        }
        guard sample >= 1 else { throw FeatureError(.invalidParameter, "sample must be at least 1", field: "sample") }
        var entities = try backend.onlineEntities(view: viewName)
        if entities.count > sample {
            var rng = SeededRandom(seed: seed)
            entities = try rng.sample(sample, from: entities).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        let snapshot = try loadOffline(view, pinnedVersion: nil)
        let records = try backend.readOnline(view: viewName, entities: entities)
        var mismatches: [ParityReport.Mismatch] = []
        var count = 0
        func differ(_ entity: String, _ field: String, _ online: String, _ offline: String) {
            count += 1
            if mismatches.count < 100 {
                mismatches.append(.init(entity: entity, field: field, online: online, offline: offline))
            }
        }
        snapshot.withBuffers { buffers in
            for (entity, record) in zip(entities, records) {
                let found = _OfflineSnapshot.find(entity, at: at, asOfCreated: true, in: buffers)
                switch (record, found) {
                case (nil, nil): continue
                case (nil, _): differ(entity, "row", "none", "present")
                case (let record?, nil): differ(entity, "row", "event \(record.eventTime)", "none")
                case (let record?, let (s, row)?):
                    let b = buffers[s]
                    if record.eventTime != b.events[row] {
                        differ(entity, "event_time", String(record.eventTime), String(b.events[row]))
                        continue
                    }
                    guard record.values.count == b.width else {
                        differ(entity, "row", "\(record.values.count) values", "\(b.width) values")
                        continue
                    }
                    for j in 0..<b.width {
                        let online = record.values[j]
                        let offline = b.values[row * b.width + j]
                        let same = online.bitPattern == offline.bitPattern || (online.isNaN && offline.isNaN)
                        if !same {
                            differ(entity, view.features[j].name, "\(online)", "\(offline)")
                            break
                        }
                    }
                }
            }
        }
        try record(viewName, "parity", ["checked": String(entities.count), "mismatches": String(count), "at": String(at)])
        return ParityReport(view: viewName, at: at, checked: entities.count, mismatches: mismatches, mismatchCount: count)
    }
}

import MLCore

extension FeatureStore {
    /// Appends `rows` to `view`'s offline store (rows in any order), as one new segment written
    /// under the view's current version; when the view then has more segments than
    /// ``Options/compactionThreshold`` they are merged into one.
    /// - Throws: ``FeatureError`` `.unknownView`; `.invalidInput` when the rows' width is not the
    ///   view's feature count; `.storage` when the back end fails.
    @discardableResult
    public func ingest(_ rows: FeatureRows, into viewName: String) throws -> IngestReport {
        let view = try self.view(named: viewName).view
        guard rows.width == view.features.count else {
            throw FeatureError(
                .invalidInput, "rows have \(rows.width) values each, view '\(viewName)' has \(view.features.count) features",
                argument: "rows")
        }
        let version = view.version
        var existing = try backend.segments(view: viewName)
        var segment = _OfflineSegment(rows)
        let entities = segment.entities.count
        var replacing: [Int64] = []
        if existing.count + 1 > options.compactionThreshold {
            // Merge every segment (oldest first, the new one last) into one.
            let loaded = try existing.map { try loadSegment($0, width: rows.width) }
            segment = _OfflineSegment.merged(loaded + [segment], width: rows.width)
            replacing = existing.map(\.id)
            existing = []
        }
        let pieces = segment.pieceRanges(targetRows: options.pieceRows).map { _OfflineSegmentCodec.encode(segment, entities: $0) }
        _ = try backend.appendSegment(
            view: viewName, version: version, rows: segment.rowCount, pieces: pieces, replacing: replacing)
        try record(
            viewName, replacing.isEmpty ? "ingest" : "ingest+compact",
            ["rows": String(rows.count), "entities": String(entities), "version": version])
        return IngestReport(
            view: viewName, version: version, rows: rows.count, entities: entities, segments: existing.count + 1)
    }

    /// Point-in-time retrieval (the training join): for each request `(entities[i], times[i])`,
    /// the features of the entity's latest row with event time ≤ the request time (and created
    /// time ≤ it when `asOfCreated`), `present` when within the view's TTL, else `expired`;
    /// `missing` when there is no such row. Results are in request order.
    ///
    /// A sort-merge over data laid out by (entity, time): each stored segment is read once, and
    /// each request costs a hash lookup and a binary search in its entity's rows.
    /// - Parameters:
    ///   - features: the features to return, in this order (all when nil).
    ///   - pinnedVersion: refuse unless the view and every stored segment have this version.
    /// - Throws: ``FeatureError`` `.unknownView`; `.invalidParameter` for an unknown feature;
    ///   `.invalidInput` for arrays of different lengths; `.versionMismatch` for a pinned version
    ///   the data was not written under; `.storage` for a damaged store.
    public func retrieve(
        view viewName: String, entities: [String], times: [Int64], features: [String]? = nil,
        asOfCreated: Bool = false, pinnedVersion: String? = nil
    ) throws -> PointInTimeResult {
        try FeatureError.requireSameLength(entities.count, ["times": times.count])
        let view = try self.view(named: viewName).view
        let columns = try Self.columns(features, of: view)
        let snapshot = try loadOffline(view, pinnedVersion: pinnedVersion)
        return snapshot.retrieve(
            entities: entities, times: times, columns: columns, names: columns.map { view.features[$0].name },
            ttl: view.ttlNanoseconds, asOfCreated: asOfCreated,
            threads: options.maximumThreads ?? _Platform.onlineProcessors ?? 1)
    }

    /// Every offline segment of `view`, decoded and indexed.
    func loadOffline(_ view: FeatureView, pinnedVersion: String?) throws -> _OfflineSnapshot {
        let stored = try backend.segments(view: view.name)
        if let pinnedVersion {
            guard view.version == pinnedVersion else {
                throw FeatureError(
                    .versionMismatch,
                    "view '\(view.name)' is at version \(view.version.prefix(12)), not the pinned \(pinnedVersion.prefix(12))",
                    field: view.name)
            }
            if let other = stored.first(where: { $0.version != pinnedVersion }) {
                throw FeatureError(
                    .versionMismatch,
                    "view '\(view.name)' holds rows written under version \(other.version.prefix(12)), not the pinned \(pinnedVersion.prefix(12))",
                    field: view.name)
            }
        }
        let width = view.features.count
        // Each stored segment is read as up to `threads` parts of whole pieces, side by side; parts
        // hold disjoint entities in order, so the snapshot reads them as separate segments.
        let threads = max(1, options.maximumThreads ?? _Platform.onlineProcessors ?? 1)
        var jobs: [(StoredSegment, Range<Int>)] = []
        for segment in stored {
            let parts = max(1, min(threads, segment.pieces))
            for part in 0..<parts {
                jobs.append((segment, (segment.pieces * part / parts)..<(segment.pieces * (part + 1) / parts)))
            }
        }
        let parts = try _ParallelMap.map(jobs, maximumThreads: threads) { job in
            try self.loadSegment(job.0, pieces: job.1, width: width)
        }
        return _OfflineSnapshot(segments: parts)
    }

    /// Segment `stored`, its pieces decoded and joined — into storage reserved once for its row
    /// count when its stored bytes can hold that many rows (a count is only a capacity hint, paid
    /// for by the blobs' own size; pieces are appended as decoded).
    func loadSegment(_ stored: StoredSegment, pieces: Range<Int>? = nil, width: Int) throws -> _OfflineSegment {
        let id = stored.id
        var segment = _OfflineSegment(entities: [], entityEnds: [], eventTimes: [], createdTimes: [], values: [], width: width)
        let pieces = pieces ?? 0..<stored.pieces
        // The part's share of the rows (pieces hold about the same number), with 5 % to spare.
        let share = stored.pieces > 0 ? Double(pieces.count) / Double(stored.pieces) : 1
        let rows = Int((Double(min(stored.rows, 1 << 40)) * min(1, share * 1.05)).rounded(.up))
        if rows > 0 {
            let (cells, o1) = rows.multipliedReportingOverflow(by: width)
            let (rowBytes, o2) = (width + 2).multipliedReportingOverflow(by: 8)
            let (needed, o3) = rows.multipliedReportingOverflow(by: rowBytes)
            if !o1, !o2, !o3, needed <= stored.bytes {
                Self.reserve(&segment.eventTimes, rows)
                Self.reserve(&segment.createdTimes, rows)
                Self.reserve(&segment.values, cells)
            }
        }
        try backend.readSegment(id: id, pieces: pieces) { bytes in
            do {
                try _OfflineSegmentCodec.decode(bytes, appendingTo: &segment)
            } catch let damage as _OfflineSegmentCodec.Damage {
                throw FeatureError(.storage, "offline segment \(id) is damaged: \(damage.message)")
            }
        }
        return segment
    }

    /// Reserves `capacity` elements in the empty `array`, backed by huge pages when large (a
    /// segment's arrays are hundreds of MB: faulting them in 4 KiB at a time costs more than the copy).
    static func reserve<T>(_ array: inout [T], _ capacity: Int) {
        array.reserveCapacity(capacity)
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            _Platform.adviseHugePages(UnsafeMutableRawBufferPointer(start: base, count: capacity * MemoryLayout<T>.stride))
        }
    }
}

import Foundation
import MLCore
import Testing

@testable import MLFeatures

/// Random data against a brute-force reading of the rules: retrieval never returns a row after the
/// request time (nor, as of created, one created after it), TTL gives the same status offline and
/// online, materialize-then-parity finds no mismatch, and results are the same on one or two
/// threads, in memory and in a SQLite file, whatever the segment layout.
@Suite struct FeatureStorePropertyTests {
    static let s: Int64 = 1_000_000_000

    struct Row {
        let entity: String
        let event: Int64
        let created: Int64
        let values: [Double]
        let order: Int
    }

    static func randomRows(_ rng: inout SplitMix64, count: Int, entities: Int) -> [Row] {
        (0..<count).map { i in
            let event = Int64(rng.next() % 200) * s
            let lag = rng.next() % 3 == 0 ? Int64(rng.next() % 50) * s : 0
            let missing = rng.next() % 10 == 0
            return Row(
                entity: "e\(rng.next() % UInt64(entities))", event: event, created: event + lag,
                values: [missing ? .nan : Double(i), Double(rng.next() % 1000) / 8], order: i)
        }
    }

    /// The rules, read literally: of the entity's rows with event ≤ t (and created ≤ t), the max by
    /// (event, created, order); present within the TTL.
    static func expected(_ rows: [Row], entity: String, at t: Int64, ttl: Int64?, asOfCreated: Bool)
        -> (FeatureStatus, [Double], Int64?)
    {
        let candidates = rows.filter { $0.entity == entity && $0.event <= t && (!asOfCreated || $0.created <= t) }
        guard let best = candidates.max(by: { ($0.event, $0.created, $0.order) < ($1.event, $1.created, $1.order) }) else {
            return (.missing, [.nan, .nan], nil)
        }
        if let ttl, t - best.event > ttl { return (.expired, [.nan, .nan], best.event) }
        return (.present, best.values, best.event)
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    @Test(arguments: [1, 2, 3])
    func retrievalFollowsTheRulesOnRandomData(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let rows = Self.randomRows(&rng, count: 600, entities: 25)
        let ttl: Int64? = seed == 3 ? nil : Int64(20 + seed * 10) * Self.s
        let view = try FeatureView(
            name: "v", entity: "id", features: [FeatureField(name: "a"), FeatureField(name: "b")],
            ttlSeconds: ttl.map { $0 / Self.s })
        let requests = (0..<800).map { _ in ("e\(rng.next() % 27)", Int64(rng.next() % 260) * Self.s) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fs-prop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var results: [PointInTimeResult] = []
        for (k, layout) in [(1, 4, 1_000), (2, 8, 7), (1, 1, 3), (2, 3, 50)].enumerated() {
            let (threads, threshold, pieceRows) = layout
            let backend: any FeatureStoreBackend =
                k % 2 == 0
                ? InMemoryFeatureStoreBackend()
                : try SQLiteFeatureStoreBackend.create(at: directory.appendingPathComponent("fs\(k).sqlite").path)
            let store = FeatureStore(
                backend: backend,
                options: .init(maximumThreads: threads, compactionThreshold: threshold, pieceRows: pieceRows))
            try store.apply(view)
            // Ingested in five batches (several segments, or compacted into one).
            for batch in stride(from: 0, to: rows.count, by: 120) {
                let part = rows[batch..<min(rows.count, batch + 120)]
                try store.ingest(
                    FeatureRows(
                        entities: part.map(\.entity), eventTimes: part.map(\.event), createdTimes: part.map(\.created),
                        values: part.flatMap(\.values), width: 2), into: "v")
            }
            for asOf in [false, true] {
                let r = try store.retrieve(view: "v", entities: requests.map(\.0), times: requests.map(\.1), asOfCreated: asOf)
                for (i, (entity, t)) in requests.enumerated() {
                    let (status, values, event) = Self.expected(rows, entity: entity, at: t, ttl: ttl, asOfCreated: asOf)
                    #expect(r.statuses[i] == status, "request \(i) \(entity)@\(t / Self.s) as-of \(asOf) layout \(k)")
                    #expect(Self.same(Array(r.values(ofRequest: i)), values), "request \(i) layout \(k)")
                    #expect(r.eventTimes[i] == event)
                    if let found = r.eventTimes[i] { #expect(found <= t) }
                }
                if asOf { results.append(r) }
            }
            // Materialize at 150 s, then parity: no mismatch; online statuses at 150 s equal the offline ones.
            try store.materialize(view: "v", to: 150 * Self.s)
            let parity = try store.parity(view: "v", sample: 10, seed: seed)
            #expect(parity.passed, "\(parity.mismatches)")
            #expect(parity.checked == 10)
            let entities = (0..<27).map { "e\($0)" }
            let clocked = FeatureStore(backend: backend, options: .init(clock: { 150 * Self.s }))
            let online = try clocked.get(view: "v", entities: entities)
            let offline = try store.retrieve(
                view: "v", entities: entities, times: Array(repeating: 150 * Self.s, count: entities.count), asOfCreated: true)
            #expect(online.map { $0.statuses[0] } == offline.statuses)
            for (i, o) in online.enumerated() { #expect(Self.same(o.values, Array(offline.values(ofRequest: i)))) }
        }
        for r in results.dropFirst() {
            #expect(r.statuses == results[0].statuses)
            #expect(Self.same(r.values, results[0].values))
        }
    }

    @Test func aReopenedSQLiteStoreReadsTheSame() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fs-reopen-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var rng = SplitMix64(seed: 9)
        let rows = Self.randomRows(&rng, count: 300, entities: 10)
        let view = try FeatureView(name: "v", entity: "id", features: [FeatureField(name: "a"), FeatureField(name: "b")], ttlSeconds: 40)
        do {
            let store = try FeatureStore.open("sqlite://" + path, create: true)
            try store.apply(view)
            try store.ingest(
                FeatureRows(
                    entities: rows.map(\.entity), eventTimes: rows.map(\.event), createdTimes: rows.map(\.created),
                    values: rows.flatMap(\.values), width: 2), into: "v")
            try store.materialize(view: "v", to: 100 * Self.s)
        }
        let store = try FeatureStore.open(path)
        #expect(try store.views().map(\.view) == [view])
        #expect(try store.view(named: "v").materializedUntil == 100 * Self.s)
        let r = try store.retrieve(view: "v", entities: ["e1", "e2"], times: [100 * Self.s, 100 * Self.s])
        for (i, entity) in ["e1", "e2"].enumerated() {
            let (status, values, _) = Self.expected(rows, entity: entity, at: 100 * Self.s, ttl: 40 * Self.s, asOfCreated: false)
            #expect(r.statuses[i] == status)
            #expect(Self.same(Array(r.values(ofRequest: i)), values))
        }
        #expect(try store.history(view: "v").map(\.action) == ["apply", "ingest", "materialize"])
        let missing = #expect(throws: FeatureError.self) { try FeatureStore.open(path + ".nope") }
        #expect(missing?.code == .storage)
        // Only SQLite and memory for now: another scheme is refused up front (no server is contacted).
        let scheme = #expect(throws: FeatureError.self) { try FeatureStore.open("mysql://x@localhost/db") }
        #expect(scheme?.code == .invalidParameter)
    }

    /// Damaged offline blobs — truncated, bytes flipped, counts that declare more than the blob
    /// holds — are refused with `.storage`, never trap, and never allocate what they declare.
    @Test func damagedSegmentsAreRefused() throws {
        var rng = SplitMix64(seed: 4)
        let rows = Self.randomRows(&rng, count: 50, entities: 5)
        let segment = _OfflineSegment(
            try FeatureRows(
                entities: rows.map(\.entity), eventTimes: rows.map(\.event), createdTimes: rows.map(\.created),
                values: rows.flatMap(\.values), width: 2))
        let good = _OfflineSegmentCodec.encode(segment)
        let decoded = try good.withUnsafeBytes { try _OfflineSegmentCodec.decode($0, width: 2) }
        #expect(decoded.entities == segment.entities && decoded.eventTimes == segment.eventTimes)
        #expect(Self.same(decoded.values, segment.values))
        #expect(throws: _OfflineSegmentCodec.Damage.self) { try good.withUnsafeBytes { try _OfflineSegmentCodec.decode($0, width: 3) } }
        var refused = 0
        for cut in stride(from: 0, to: good.count, by: 7) {
            do { _ = try Array(good[0..<cut]).withUnsafeBytes { try _OfflineSegmentCodec.decode($0, width: 2) } } catch { refused += 1 }
        }
        #expect(refused == (good.count + 6) / 7)
        // A row count of 2⁴⁰ in a small blob.
        var huge = good
        withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { huge.replaceSubrange(8..<16, with: $0) }
        #expect(throws: _OfflineSegmentCodec.Damage.self) { try huge.withUnsafeBytes { try _OfflineSegmentCodec.decode($0, width: 2) } }
        // Every single-byte change of the header and index either decodes to a valid segment or is refused.
        for position in 0..<min(good.count, 400) {
            var bad = good
            bad[position] ^= 0x5A
            _ = try? bad.withUnsafeBytes { try _OfflineSegmentCodec.decode($0, width: 2) }
        }
        // Through a store: a damaged piece in the SQLite file is a `.storage` error naming the segment.
        let backend = InMemoryFeatureStoreBackend()
        let store = FeatureStore(backend: backend)
        try store.apply(try FeatureView(name: "v", entity: "id", features: [FeatureField(name: "a"), FeatureField(name: "b")]))
        _ = try backend.appendSegment(view: "v", version: "x", rows: 50, pieces: [Array(good.dropLast(3))], replacing: [])
        let error = #expect(throws: FeatureError.self) { try store.retrieve(view: "v", entities: ["e1"], times: [0]) }
        #expect(error?.code == .storage)
        #expect(error?.message.contains("segment 1 is damaged") == true)
    }
}

import Foundation
import MLCore
import Synchronization
import Testing

@testable import MLFeatures

/// The feature store's semantics on cases small enough to check by hand: the latest row at or
/// before the request, TTL inclusive and the same online and offline, late-arriving rows kept out
/// with `asOfCreated`, corrections winning ties, versions pinned, views that cannot change under data.
@Suite struct FeatureStoreTests {
    static let s: Int64 = 1_000_000_000

    /// A clock tests can move.
    final class TestClock: Sendable {
        let now = Atomic<Int64>(0)
        func set(seconds: Int64) { now.store(seconds * s, ordering: .relaxed) }
        var clock: @Sendable () -> Int64 { { self.now.load(ordering: .relaxed) } }
    }

    static func view(ttl: Int64? = 10) throws -> FeatureView {
        try FeatureView(
            name: "card_profile", entity: "card", features: [FeatureField(name: "spend"), FeatureField(name: "count", type: .int64)],
            ttlSeconds: ttl)
    }

    /// Rows (entity, event s, created s, spend, count).
    static func rows(_ list: [(String, Int64, Int64, Double, Double)]) throws -> FeatureRows {
        try FeatureRows(
            entities: list.map(\.0), eventTimes: list.map { $0.1 * s }, createdTimes: list.map { $0.2 * s },
            values: list.flatMap { [$0.3, $0.4] }, width: 2)
    }

    static func store(_ clock: TestClock = TestClock(), backend: (any FeatureStoreBackend)? = nil) -> FeatureStore {
        FeatureStore(backend: backend ?? InMemoryFeatureStoreBackend(), options: .init(clock: clock.clock, maximumThreads: 1))
    }

    @Test func pointInTimeTakesTheLatestRowAtOrBeforeTheRequestWithinTheTTL() throws {
        let store = Self.store()
        try store.apply(Self.view(ttl: 10))
        try store.ingest(
            Self.rows([("a", 100, 100, 1, 1), ("a", 50, 50, 0.5, 5), ("b", 100, 100, 7, 7), ("a", 120, 120, 2, 2)]),
            into: "card_profile")
        let requests: [(String, Int64)] = [
            ("a", 49), ("a", 50), ("a", 60), ("a", 61), ("a", 100), ("a", 110), ("a", 130), ("a", 131), ("b", 105),
            ("c", 1_000),
        ]
        let r = try store.retrieve(view: "card_profile", entities: requests.map(\.0), times: requests.map { $0.1 * Self.s })
        #expect(r.statuses == [.missing, .present, .present, .expired, .present, .present, .present, .expired, .present, .missing])
        let spend = (0..<r.count).map { r.values(ofRequest: $0).first ?? .nan }
        let expected: [Double] = [.nan, 0.5, 0.5, .nan, 1, 1, 2, .nan, 7, .nan]
        #expect(zip(spend, expected).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }, "\(spend)")
        #expect(r.eventTimes[3] == 50 * Self.s)  // expired still says which row it was
        #expect(r.eventTimes[0] == nil)
        #expect(r.statusCounts[.present] == 6)
    }

    @Test func asOfCreatedKeepsLateArrivingRowsOutAndCorrectionsWinTies() throws {
        let store = Self.store()
        try store.apply(Self.view(ttl: nil))
        // Event 100 first known at 100 (spend 1), corrected at 150 (spend 9); event 110 only known at 200.
        try store.ingest(
            Self.rows([("a", 100, 150, 9, 0), ("a", 110, 200, 5, 0), ("a", 100, 100, 1, 0)]), into: "card_profile")
        func spend(_ t: Int64, _ asOf: Bool) throws -> Double {
            try store.retrieve(view: "card_profile", entities: ["a"], times: [t * Self.s], asOfCreated: asOf).values[0]
        }
        #expect(try spend(120, false) == 5)  // event time only: the row of 110, known later
        #expect(try spend(120, true) == 1)  // as known at 120: the first version of event 100
        #expect(try spend(160, true) == 9)  // the correction is known at 150
        #expect(try spend(250, true) == 5)
        #expect(try spend(105, false) == 9)  // equal event times: the one created last wins
    }

    @Test func laterIngestWinsExactDuplicatesAcrossSegmentsAndAfterCompaction() throws {
        for threshold in [1, 8] {
            let store = FeatureStore(
                backend: InMemoryFeatureStoreBackend(), options: .init(maximumThreads: 1, compactionThreshold: threshold))
            try store.apply(Self.view(ttl: nil))
            try store.ingest(Self.rows([("a", 10, 10, 1, 1)]), into: "card_profile")
            try store.ingest(Self.rows([("a", 10, 10, 2, 2)]), into: "card_profile")
            let report = try store.ingest(Self.rows([("b", 10, 10, 3, 3)]), into: "card_profile")
            #expect(report.segments == (threshold == 1 ? 1 : 3))
            let r = try store.retrieve(view: "card_profile", entities: ["a", "b"], times: [20 * Self.s, 20 * Self.s])
            #expect(r.values == [2, 2, 3, 3], "threshold \(threshold)")
        }
    }

    @Test func onlineReadsUseTheSameTTLRuleAtTheClock() throws {
        let clock = TestClock()
        let store = Self.store(clock)
        try store.apply(Self.view(ttl: 10))
        try store.ingest(Self.rows([("a", 100, 100, 1, 1), ("b", 95, 95, 2, 2)]), into: "card_profile")
        clock.set(seconds: 100)
        let report = try store.materialize(view: "card_profile")
        #expect(report.written == 2 && report.end == 100 * Self.s)
        clock.set(seconds: 110)
        var got = try store.get(view: "card_profile", entities: ["a", "b", "zz"], features: ["count"])
        #expect(got.map(\.statuses) == [[.present], [.expired], [.missing]])
        #expect(got[0].values == [1] && got[1].values[0].isNaN && got[1].eventTime == 95 * Self.s)
        // The offline read at the same time says the same.
        let offline = try store.retrieve(view: "card_profile", entities: ["a", "b", "zz"], times: Array(repeating: 110 * Self.s, count: 3))
        #expect(offline.statuses == got.map { $0.statuses[0] })
        clock.set(seconds: 111)
        got = try store.get(view: "card_profile", entities: ["a"])
        #expect(got[0].statuses == [.expired, .expired])
    }

    @Test func materializeThenParityAgreesAndAChangedRecordIsNamed() throws {
        let clock = TestClock()
        let backend = InMemoryFeatureStoreBackend()
        let store = Self.store(clock, backend: backend)
        try store.apply(Self.view(ttl: 30))
        try store.ingest(
            Self.rows([("a", 10, 10, 1, 1), ("a", 20, 40, 2, 2), ("b", 15, 15, 3, 3), ("c", 50, 50, 4, 4)]),
            into: "card_profile")
        try store.materialize(view: "card_profile", to: 30 * Self.s)
        // As known at 30: a's row of 20 arrived at 40, so a has event 10; c does not exist yet.
        let online = try backend.readOnline(view: "card_profile", entities: ["a", "b", "c"])
        #expect(online.map { $0?.eventTime } == [10 * Self.s, 15 * Self.s, nil])
        var parity = try store.parity(view: "card_profile")
        #expect(parity.passed && parity.checked == 2)
        // Incremental from 30 to 60: a (created 40) and c (event 50) change; b is not touched.
        let report = try store.materialize(view: "card_profile", from: 30 * Self.s, to: 60 * Self.s)
        #expect(report.entities == 2 && report.written == 2)
        parity = try store.parity(view: "card_profile")
        #expect(parity.passed && parity.checked == 3)
        // A record that drifted from the offline data is named.
        _ = try backend.writeOnline(
            view: "card_profile",
            records: [OnlineRecord(entity: "b", version: Self.view(ttl: 30).version, eventTime: 15 * Self.s, createdTime: 99 * Self.s, values: [3, 4])])
        parity = try store.parity(view: "card_profile")
        #expect(parity.mismatchCount == 1)
        #expect(parity.mismatches.first == .init(entity: "b", field: "count", online: "4.0", offline: "3.0"))
    }

    @Test func olderRowsNeverReplaceNewerOnlineRecords() throws {
        let store = Self.store()
        try store.apply(Self.view(ttl: nil))
        #expect(try store.push(Self.rows([("a", 20, 20, 2, 2)]), into: "card_profile") == 1)
        #expect(try store.push(Self.rows([("a", 10, 10, 1, 1)]), into: "card_profile") == 0)
        #expect(try store.get(view: "card_profile", entities: ["a"])[0].values == [2, 2])
        #expect(try store.push(Self.rows([("a", 20, 30, 5, 5), ("a", 15, 15, 9, 9)]), into: "card_profile") == 1)
        #expect(try store.get(view: "card_profile", entities: ["a"])[0].values == [5, 5])
    }

    @Test func pinnedVersionsAndViewChanges() throws {
        let store = Self.store()
        let v1 = try store.apply(Self.view(ttl: 10))
        try store.ingest(Self.rows([("a", 1, 1, 1, 1)]), into: "card_profile")
        #expect(throws: Never.self) {
            try store.retrieve(view: "card_profile", entities: ["a"], times: [5 * Self.s], pinnedVersion: v1)
        }
        // A new TTL is a new version; the old rows stay readable, but not under a pin of either version.
        let v2 = try store.apply(Self.view(ttl: 20))
        #expect(v1 != v2 && v1.count == 64)
        for pin in [v1, v2] {
            #expect(throws: FeatureError.self) {
                try store.retrieve(view: "card_profile", entities: ["a"], times: [5 * Self.s], pinnedVersion: pin)
            }
        }
        #expect(try store.retrieve(view: "card_profile", entities: ["a"], times: [15 * Self.s]).statuses == [.present])
        // Features cannot change under stored rows.
        let other = try FeatureView(name: "card_profile", entity: "card", features: [FeatureField(name: "spend")])
        let error = #expect(throws: FeatureError.self) { try store.apply(other) }
        #expect(error?.code == .versionMismatch)
        #expect(try store.history(view: "card_profile").map(\.action) == ["apply", "ingest", "apply"])
        let unknown = #expect(throws: FeatureError.self) {
            try store.retrieve(view: "nope", entities: [], times: [])
        }
        #expect(unknown?.code == .unknownView)
    }

    @Test func viewVersionIsTheHashOfItsCanonicalDefinition() throws {
        let view = try Self.view(ttl: 10)
        #expect(
            view.canonicalJSON
                == #"{"name":"card_profile","entity":"card","features":[{"name":"spend","type":"float64"},{"name":"count","type":"int64"}],"ttl_seconds":10,"source":null}"#
        )
        #expect(view.version == "e9ebcd5c18fd1f18556b705f84296a639fe86da18b7161a90550a636fee772eb")  // hashlib.sha256 of the text above
        let decoded = try JSONDecoder().decode(FeatureView.self, from: Data(view.canonicalJSON.utf8))
        #expect(decoded == view)
        #expect(throws: FeatureError.self) { try FeatureView(name: "bad name", entity: "card", features: [FeatureField(name: "x")]) }
        #expect(throws: FeatureError.self) { try FeatureView(name: "v", entity: "card", features: [FeatureField(name: "x"), FeatureField(name: "x")]) }
        #expect(throws: FeatureError.self) { try FeatureView(name: "v", entity: "card", features: [FeatureField(name: "x")], ttlSeconds: 0) }
    }

    @Test func theDefaultClockIsTheWallClockInNanoseconds() {
        let seconds = Double(FeatureStore.systemClock()) / 1e9
        #expect(abs(seconds - Date().timeIntervalSince1970) < 5)
    }

    /// Times at the ends of Int64 (a store's rows are outside data) decide expiry without
    /// overflowing; a feature asked for twice is refused, not a trap in a dictionary.
    @Test func extremeTimesAndRepeatedFeatures() throws {
        let clock = TestClock()
        let store = Self.store(clock)
        try store.apply(Self.view(ttl: 10))
        try store.ingest(
            FeatureRows(entities: ["a", "b"], eventTimes: [Int64.min + 1, Int64.max], values: [1, 1, 2, 2], width: 2),
            into: "card_profile")
        let r = try store.retrieve(view: "card_profile", entities: ["a", "b"], times: [Int64.max, Int64.max])
        #expect(r.statuses == [.expired, .present])
        try store.materialize(view: "card_profile", to: Int64.max)
        clock.now.store(Int64.min, ordering: .relaxed)
        #expect(try store.get(view: "card_profile", entities: ["a", "b"]).map { $0.statuses[0] } == [.present, .present])
        clock.now.store(Int64.max, ordering: .relaxed)
        #expect(try store.get(view: "card_profile", entities: ["a", "b"]).map { $0.statuses[0] } == [.expired, .present])
        let error = #expect(throws: FeatureError.self) {
            try store.get(view: "card_profile", entities: ["a"], features: ["spend", "spend"])
        }
        #expect(error?.code == .invalidParameter)
        #expect(throws: FeatureError.self) {
            try store.retrieve(view: "card_profile", entities: ["a"], times: [0], features: ["count", "count"])
        }
    }
}

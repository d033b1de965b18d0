import Foundation
import MLCore
import MLFeatures
import Testing

/// The streaming form equals the batch form bit for bit, a checkpoint restores the exact state, and
/// features are point-in-time: later events never change an earlier event's features.
@Suite struct AggregationStreamingTests {
    struct Event: Sendable {
        let entity: Int
        let time: Int64
        let value: Double
        let category: String?
    }

    static let aggregation: EntityAggregation = {
        do {
            return try EntityAggregation(
                windows: AggregationWindow.list(parsing: "90s,15m,2h"), aggregates: EntityAggregate.allCases, recency: true)
        } catch { fatalError("\(error)") }
    }()

    /// `n` events of `entities` entities in time order, with ties, missing values and repeats.
    static func events(_ n: Int, entities: Int, seed: UInt64) -> [Event] {
        var rng = SeededRandom(seed: seed)
        var t: Int64 = 1_700_000_000 * 1_000_000_000
        return (0..<n).map { _ in
            if Int.random(in: 0..<4, using: &rng) > 0 { t += Int64.random(in: 1...400, using: &rng) * 1_000_000_000 / 4 }
            let roll = Int.random(in: 0..<50, using: &rng)
            let value = roll == 0 ? .nan : roll < 8 ? 20 : (Double.random(in: 1...500, using: &rng) * 100).rounded() / 100
            return Event(
                entity: Int.random(in: 0..<entities, using: &rng), time: t, value: value,
                category: roll == 1 ? nil : "mcc\(Int.random(in: 0..<6, using: &rng))")
        }
    }

    static func batch(_ events: [Event]) throws -> [Double] {
        try aggregation.compute(
            entities: .int(events.map(\.entity)), times: events.map(\.time), values: events.map(\.value),
            categories: .string(events.map(\.category))
        ).elements
    }

    static func stream(_ events: some Sequence<Event>, into aggregator: inout EntityAggregator<Int, String>) throws -> [Double] {
        var out: [Double] = []
        for e in events {
            out += try aggregator.push(entity: e.entity, time: e.time, value: e.value, category: e.category)
        }
        return out
    }

    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    @Test(arguments: [1 as UInt64, 2, 3])
    func streamingEqualsBatchBitForBit(seed: UInt64) throws {
        let events = Self.events(4_000, entities: 25, seed: seed)
        var aggregator = EntityAggregator<Int, String>(Self.aggregation)
        let streamed = try Self.stream(events, into: &aggregator)
        #expect(Self.bits(streamed) == Self.bits(try Self.batch(events)))
        #expect(aggregator.entityCount == Set(events.map(\.entity)).count)
    }

    @Test func aCheckpointMidStreamResumesExactly() throws {
        let events = Self.events(3_000, entities: 15, seed: 9)
        var whole = EntityAggregator<Int, String>(Self.aggregation)
        let uninterrupted = try Self.stream(events, into: &whole)

        var first = EntityAggregator<Int, String>(Self.aggregation)
        var resumedOutput = try Self.stream(events[..<1_234], into: &first)
        let checkpoint = try JSONEncoder().encode(first)
        var resumed = try JSONDecoder().decode(EntityAggregator<Int, String>.self, from: checkpoint)
        resumedOutput += try Self.stream(events[1_234...], into: &resumed)
        #expect(Self.bits(resumedOutput) == Self.bits(uninterrupted))
    }

    @Test func laterEventsNeverChangeEarlierFeatures() throws {
        let events = Self.events(2_000, entities: 10, seed: 4)
        let all = try Self.batch(events)
        let width = Self.aggregation.featureCount
        for prefix in [1, 17, 500, 1_001, 1_999] {
            let part = try Self.batch(Array(events[..<prefix]))
            #expect(Self.bits(part) == Self.bits(Array(all[..<(prefix * width)])), "prefix \(prefix)")
        }
    }

    @Test func batchOrderOfRowsDoesNotMatterForDistinctTimes() throws {
        // Shuffling the rows changes nothing but the row order when no two events of an entity share a time.
        var seen: Set<[Int64]> = []
        let events = Self.events(1_500, entities: 12, seed: 5).filter { seen.insert([Int64($0.entity), $0.time]).inserted }
        var rng = SeededRandom(seed: 11)
        let permutation = Array(events.indices).shuffled(using: &rng)
        let shuffled = permutation.map { events[$0] }
        let a = try Self.batch(events)
        let b = try Self.batch(shuffled)
        let width = Self.aggregation.featureCount
        for (newRow, oldRow) in permutation.enumerated() {
            #expect(Self.bits(Array(b[newRow * width..<(newRow + 1) * width])) == Self.bits(Array(a[oldRow * width..<(oldRow + 1) * width])))
        }
    }

    @Test func anOlderEventForAnEntityIsRefused() throws {
        var aggregator = EntityAggregator<String, String>(Self.aggregation)
        try aggregator.push(entity: "a", time: 100, value: 1)
        try aggregator.push(entity: "b", time: 50, value: 1)  // another entity: fine
        try aggregator.push(entity: "a", time: 100, value: 2)  // same instant: fine
        #expect {
            try aggregator.push(entity: "a", time: 99, value: 3)
        } throws: { error in
            (error as? FeatureError)?.code == .outOfOrder && (error as? FeatureError)?.index == 2
        }
        // Nothing changed: the next in-order event sees both earlier events of "a".
        let features = try aggregator.push(entity: "a", time: 200, value: 4)
        #expect(features[0] == 2)  // count in 90s
    }

    @Test func aTamperedCheckpointThrowsInsteadOfTrapping() throws {
        var aggregator = EntityAggregator<Int, String>(Self.aggregation)
        _ = try Self.stream(Self.events(200, entities: 3, seed: 1), into: &aggregator)
        let text = String(decoding: try JSONEncoder().encode(aggregator), as: UTF8.self)
        for (from, to) in [("\"first\":", "\"first\":-5,\"x\":"), ("\"admitted\":", "\"admitted\":99999,\"x\":"),
                           ("\"head\":", "\"head\":1000,\"x\":"), ("\"start\":", "\"start\":-1,\"x\":")] {
            guard let range = text.range(of: from) else { continue }
            let tampered = text.replacingCharacters(in: range, with: to)
            #expect(throws: (any Error).self, "\(from)") {
                _ = try JSONDecoder().decode(EntityAggregator<Int, String>.self, from: Data(tampered.utf8))
            }
        }
    }
}

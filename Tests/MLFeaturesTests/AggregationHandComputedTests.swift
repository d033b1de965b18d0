import MLCore
import MLFeatures
import Testing

/// Entity aggregations on cases small enough to check by hand: ties, empty windows, the window's
/// closed start, std of one value, distinct, ratio and recency.
@Suite struct AggregationHandComputedTests {
    static let s: Int64 = 1_000_000_000

    /// Features of `events` (entity, seconds, value, category) as rows.
    static func rows(
        _ events: [(String, Int64, Double, String?)], windows: String, _ aggregates: [EntityAggregate], recency: Bool = false
    ) throws -> [[Double]] {
        let spec = try EntityAggregation(windows: AggregationWindow.list(parsing: windows), aggregates: aggregates, recency: recency)
        let m = try spec.compute(
            entities: .string(events.map { $0.0 }), times: events.map { $0.1 * s }, values: events.map { $0.2 },
            categories: .string(events.map { $0.3 }))
        return (0..<m.rows).map { Array(m.elements[$0 * m.columns..<($0 + 1) * m.columns]) }
    }

    /// Compares with NaN equal to NaN and 1e-12 relative otherwise.
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in (x.isNaN && y.isNaN) || abs(x - y) <= 1e-12 * max(1, abs(y)) }
    }

    @Test func eventsAtTheSameInstantDoNotSeeEachOther() throws {
        let r = try Self.rows(
            [("a", 0, 1, nil), ("a", 0, 3, nil), ("a", 10, 5, nil)], windows: "1h",
            [.count, .sum, .mean, .std, .min, .max], recency: true)
        let nan = Double.nan
        #expect(Self.same(r[0], [0, 0, nan, nan, nan, nan, nan]), "\(r[0])")
        #expect(Self.same(r[1], [0, 0, nan, nan, nan, nan, 0]), "\(r[1])")  // recency 0: the tie's input order
        #expect(Self.same(r[2], [2, 4, 2, 2.0.squareRoot(), 1, 3, 10]), "\(r[2])")
    }

    @Test func theWindowIncludesItsStartAndExcludesTheEvent() throws {
        // Window 1h: [t − 3600, t). At t = 3600 the event at 0 is inside; at 7201 only the one at 3601… none at 3600 + 1.
        let r = try Self.rows(
            [("a", 0, 2, nil), ("a", 3600, 4, nil), ("a", 7201, 8, nil), ("a", 20_000, 1, nil)], windows: "1h",
            [.count, .sum, .mean, .std])
        #expect(Self.same(r[1], [1, 2, 2, .nan]), "\(r[1])")  // std needs two values
        #expect(Self.same(r[2], [0, 0, .nan, .nan]), "\(r[2])")  // 3600 < 7201 − 3600: empty
        #expect(Self.same(r[3], [0, 0, .nan, .nan]), "\(r[3])")
    }

    @Test func entitiesAreSeparateAndInputOrderIsKept() throws {
        // Rows out of time order and interleaved: features go back to their own rows.
        let r = try Self.rows(
            [("b", 50, 10, nil), ("a", 30, 1, nil), ("b", 10, 20, nil), ("a", 10, 3, nil)], windows: "1m",
            [.count, .sum, .max], recency: true)
        #expect(Self.same(r[3], [0, 0, .nan, .nan]))
        #expect(Self.same(r[1], [1, 3, 3, 20]))
        #expect(Self.same(r[2], [0, 0, .nan, .nan]))
        #expect(Self.same(r[0], [1, 20, 20, 40]))
    }

    @Test func distinctCountsCategoriesInTheWindow() throws {
        let r = try Self.rows(
            [("a", 0, 1, "x"), ("a", 1, 1, "y"), ("a", 2, 1, "x"), ("a", 3, 1, nil), ("a", 100, 1, "z")], windows: "10s",
            [.distinct, .count])
        #expect(r.map { $0[0] } == [0, 1, 2, 2, 0])
        #expect(r.map { $0[1] } == [0, 1, 2, 3, 0])
    }

    @Test func ratioIsTheValueOverTheWindowMean() throws {
        let r = try Self.rows(
            [("a", 0, 10, nil), ("a", 1, 30, nil), ("a", 2, 40, nil), ("b", 0, 0, nil), ("b", 1, 5, nil)], windows: "1h",
            [.ratio, .mean])
        #expect(r[0][0].isNaN)  // no earlier events
        #expect(r[1][0] == 3)
        #expect(r[2][0] == 2)  // 40 / mean(10, 30)
        #expect(r[4][0].isNaN && r[4][1] == 0)  // the mean is 0
    }

    @Test func severalWindowsInTheGivenOrder() throws {
        let spec = try EntityAggregation(
            windows: AggregationWindow.list(parsing: "1h,90s"), aggregates: [.max, .count], recency: true)
        #expect(spec.featureNames(value: "amt") == ["amt_max_1h", "amt_count_1h", "amt_max_90s", "amt_count_90s", "seconds_since_last"])
        let r = try Self.rows([("a", 0, 5, nil), ("a", 100, 7, nil), ("a", 150, 1, nil)], windows: "1h,90s", [.max, .count])
        #expect(r[2] == [7, 2, 7, 1])
    }

    @Test func windowsAndTimesParse() throws {
        #expect(try AggregationWindow(parsing: "90s").seconds == 90)
        #expect(try AggregationWindow(parsing: "15m").seconds == 900)
        #expect(try AggregationWindow(parsing: "3d").seconds == 259_200)
        #expect(try AggregationWindow(parsing: "1w").seconds == 604_800)
        #expect(try AggregationWindow(seconds: 7200).label == "2h")
        #expect(EventTime.nanoseconds(parsing: "2024-01-02T03:04:05Z") == 1_704_164_645 * Self.s)
        #expect(EventTime.nanoseconds(parsing: "2024-01-02T04:04:05.5+01:00") == 1_704_164_645 * Self.s + Self.s / 2)
        #expect(EventTime.nanoseconds(parsing: "2024-01-02 03:04:05") == 1_704_164_645 * Self.s)
        #expect(EventTime.nanoseconds(parsing: "2024-01-01T22:04:05-0500") == 1_704_164_645 * Self.s)
        #expect(EventTime.nanoseconds(parsing: "1704164645") == 1_704_164_645 * Self.s)
        #expect(EventTime.nanoseconds(parsing: "1704164645.25") == 1_704_164_645 * Self.s + Self.s / 4)
        #expect(EventTime.nanoseconds(parsing: "2024-02-30T00:00:00Z") == nil)
        #expect(EventTime.nanoseconds(parsing: "yesterday") == nil)
        #expect(EventTime.nanoseconds(parsing: "") == nil)
    }

    @Test func isoTimesAndEpochSecondsGiveTheSameFeatures() throws {
        let spec = try EntityAggregation(windows: [AggregationWindow(parsing: "1h")], aggregates: [.count], recency: true)
        let iso = try Table(names: ["k", "t", "v"], columns: [
            .int([1, 1, 1]), .string(["2024-01-02T03:04:05Z", "2024-01-02T03:34:05.5Z", "2024-01-02T05:00:00+01:00"]),
            .double([1, 2, 3]),
        ])
        let m = try spec.compute(iso, entity: "k", time: "t", value: "v")
        #expect(m.elements[2] == 1 && m.elements[3] == 1800.5)
        #expect(m.elements[4] == 2 && m.elements[5] == 1554.5)
    }
}

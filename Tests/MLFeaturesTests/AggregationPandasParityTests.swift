import MLCore
import MLFeatures
import MLTesting
import Testing

/// Entity aggregations against pandas on `Tests/Fixtures/aggregations` (3,000 events of 60 cards,
/// ties, a shuffled block, missing amounts; made by `scripts/make-aggregation-fixture.py`).
@Suite struct AggregationPandasParityTests {
    static let aggregation: EntityAggregation = {
        do {
            return try EntityAggregation(
                windows: AggregationWindow.list(parsing: "2h,3d"),
                aggregates: [.count, .sum, .mean, .std, .min, .max], recency: true)
        } catch { fatalError("\(error)") }
    }()

    static func events() throws -> Table {
        try CSVReader().read(contentsOf: fixtures.path("aggregations/events.csv"))
    }

    /// Every feature of every event within 1e-9 relative of pandas (an absolute 1e-9 near 0);
    /// pandas leaves count and sum of an empty window NaN where ours are 0.
    @Test func everyFeatureMatchesPandas() throws {
        let table = try Self.events()
        let features = try Self.aggregation.compute(table, entity: "card", time: "ts", value: "amount")
        let expected = try NumericCSV(path: fixtures.path("aggregations/expected.csv"))
        let names = Self.aggregation.featureNames(value: "amount")
        #expect(features.rows == 3_000)
        #expect(expected.header == ["event_id"] + names)
        var worst = 0.0
        for (j, name) in names.enumerated() {
            let column = try expected.column(name)
            let zeroWhenEmpty = name.hasPrefix("amount_count") || name.hasPrefix("amount_sum")
            for row in 0..<features.rows {
                let got = features.elements[row * features.columns + j]
                let want = zeroWhenEmpty && column[row].isNaN ? 0 : column[row]
                if want.isNaN || got.isNaN {
                    #expect(want.isNaN && got.isNaN, "\(name) row \(row): \(got) vs pandas \(want)")
                    continue
                }
                let error = abs(got - want) / max(1, abs(want))
                worst = max(worst, error)
                #expect(error <= 1e-9, "\(name) row \(row): \(got) vs pandas \(want)")
            }
        }
        #expect(worst <= 1e-9)
    }
}

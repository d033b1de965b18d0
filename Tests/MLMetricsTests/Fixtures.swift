import MLTesting
import Testing

/// The golden cases in Tests/Fixtures (read with MLTesting's `FixtureLocator`).
let fixtures = FixtureLocator()

/// One scikit-learn metrics fixture, `Tests/Fixtures/metrics/<name>`: the labels (`y_true.csv`),
/// the scores (`y_score.csv`) and `expected.json`, compared within `meta.json`'s `tolerance_abs`.
struct MetricsFixture {
    let labels: [Int]
    let scores: NumericCSV
    let expected: ExpectedValues

    init(_ name: String) throws {
        let folder = "metrics/\(name)"
        let meta = try fixtures.json("\(folder)/meta.json")
        let tolerance = Tolerance.absolute(try FixtureLocator.double(meta, "tolerance_abs"))
        labels = try NumericCSV(path: fixtures.path("\(folder)/y_true.csv")).intColumn("y")
        scores = try NumericCSV(path: fixtures.path("\(folder)/y_score.csv"))
        let object = try fixtures.json("\(folder)/expected.json")
        expected = ExpectedValues(name: name, object: object, tolerance: tolerance)
    }
}

extension ExpectedValues {
    /// Compares each value with the number at its key (at `prefix/key` when a prefix is given).
    func check(
        _ values: KeyValuePairs<String, Double>, under prefix: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (key, value) in values {
            check(prefix.map { "\($0)/\(key)" } ?? key, value, sourceLocation: sourceLocation)
        }
    }
}

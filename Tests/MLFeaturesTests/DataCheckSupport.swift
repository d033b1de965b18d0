import Foundation
import MLCore
import MLFeatures
import MLTesting
import Testing

/// Helpers of the data-check tests: the fixtures in `Tests/Fixtures/datachecks`, the fixed clock
/// they are written for, and small suites run on inline CSV.
enum DataCheckFixtures {
    /// The instant the fixtures are written for.
    static let now = "2024-03-10T00:00:00Z"

    static func path(_ name: String) -> String { fixtures.path("datachecks/\(name)") }

    static func clock(_ text: String = now) throws -> DataCheckClock { try DataCheckClock(parsing: text) }

    /// Runs the YAML `tests` on the CSV text `csv` (written to a scratch folder with `files`, the
    /// other files the tests reference) at `now`.
    static func run(
        _ tests: String, on csv: String, files: [String: String] = [:], now: String = now
    ) throws -> DataCheckReport {
        let dir = ScratchDirectory(prefix: "datachecks")
        for (name, text) in files { dir.write(name, text) }
        let suite = try DataCheckSuite.load(contentsOf: dir.write("tests.yaml", tests))
        return try suite.run(onFile: dir.write("data.csv", csv), clock: try clock(now))
    }

    /// The one result of a one-check suite.
    static func only(_ report: DataCheckReport, sourceLocation: SourceLocation = #_sourceLocation) throws -> DataCheckResult {
        try #require(report.results.count == 1, "\(report.results)", sourceLocation: sourceLocation)
        return report.results[0]
    }
}

/// The (1-based) rows of a result's examples, for compact expectations.
func rows(_ result: DataCheckResult) -> [Int] { result.examples.map(\.row) }

/// Runs `body` and expects a ``FeatureError`` with `code` and, when given, `key`.
func expectFeatureError(
    _ code: FeatureErrorCode, key: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> FeatureError? {
    do {
        try body()
        Issue.record("no error, expected \(code)", sourceLocation: sourceLocation)
    } catch let error as FeatureError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let key { #expect(error.key == key, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

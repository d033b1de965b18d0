import MLFeatures
import Testing

/// `Tests/Fixtures/datachecks`: one tests file with every check kind, a file that passes them
/// all and one that fails each (but row_count), with exact counts and example rows.
@Suite struct DataCheckFixtureTests {
    let suite: DataCheckSuite

    init() throws {
        suite = try DataCheckSuite.load(contentsOf: DataCheckFixtures.path("tests.yaml"))
    }

    @Test func theTestsFileReadsInOrder() {
        #expect(suite.rowCount == RowCountCheck(minimum: 3, maximum: 10))
        #expect(suite.columnChecks.map(\.name) == ["not_null", "unique", "not_null", "range", "accepted_values", "relationships"])
        #expect(suite.columnChecks.map(\.keyPath) == [
            "columns.transaction_id[0]", "columns.transaction_id[1]", "columns.amount[0]", "columns.amount[1]",
            "columns.category[0]", "columns.merchant_id[0]",
        ])
        #expect(suite.columnChecks[3].kind == .range(min: 0, max: 100_000))
        #expect(suite.columnChecks[3].severity == .warn)
        #expect(suite.columnChecks[5].kind == .relationships(file: DataCheckFixtures.path("merchants.csv"), field: "id"))
        #expect(suite.freshness == FreshnessCheck(column: "created_at", warnAfter: .seconds(2 * 86_400), errorAfter: .seconds(5 * 86_400)))
        #expect(suite.leakage.map(\.name) == ["label_after_period", "future"])
        #expect(suite.leakage[1].rule == .future(column: "label_observed_at", tolerance: .zero))
    }

    @Test func thePassingFilePassesEveryCheck() throws {
        let report = try suite.run(onFile: DataCheckFixtures.path("transactions_pass.csv"), clock: DataCheckFixtures.clock())
        #expect(report.results.count == 10)
        for result in report.results {
            #expect(result.status == .pass, "\(result.name) \(result.column ?? ""): \(result.message)")
            #expect(result.failingRows == 0)
        }
        #expect(report.passed && report.errorCount == 0 && report.warningCount == 0)
        #expect(report.rowCount == 6)
        #expect(report.now == "2024-03-10T00:00:00Z")
        let freshness = try #require(report.results.first { $0.name == "freshness" })
        #expect(freshness.examples == [DataCheckExample(row: 5, value: "2024-03-09T06:00:00Z")])
        #expect(freshness.message.contains("is 18h 0m old"), "\(freshness.message)")
    }

    @Test func theFailingFileFailsEachCheckWithItsRows() throws {
        let report = try suite.run(onFile: DataCheckFixtures.path("transactions_fail.csv"), clock: DataCheckFixtures.clock())
        let byCheck = Dictionary(
            uniqueKeysWithValues: report.results.map { ("\($0.name) \($0.column ?? "-")", $0) })
        func expect(
            _ key: String, _ status: DataCheckStatus, failing: Int, examples: [(Int, String)],
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            guard let result = byCheck[key] else {
                Issue.record("no result \(key)", sourceLocation: sourceLocation)
                return
            }
            #expect(result.status == status, "\(key): \(result.message)", sourceLocation: sourceLocation)
            #expect(result.failingRows == failing, "\(key): \(result.message)", sourceLocation: sourceLocation)
            #expect(
                result.examples == examples.map { DataCheckExample(row: $0.0, value: $0.1) }, "\(key)",
                sourceLocation: sourceLocation)
        }
        expect("row_count -", .pass, failing: 0, examples: [])
        expect("not_null transaction_id", .error, failing: 1, examples: [(4, "")])
        expect("unique transaction_id", .error, failing: 3, examples: [(2, "t2"), (3, "t2"), (7, "t2")])
        expect("not_null amount", .error, failing: 1, examples: [(4, "")])
        expect("range amount", .warn, failing: 2, examples: [(2, "-5"), (5, "100001")])
        expect("accepted_values category", .error, failing: 2, examples: [(3, "groceries"), (5, "Food")])
        expect("relationships merchant_id", .error, failing: 2, examples: [(3, "m9"), (7, "M1")])
        expect("freshness created_at", .error, failing: 0, examples: [(5, "2024-03-04")])
        expect(
            "label_after_period label_observed_at", .error, failing: 3,
            examples: [
                (1, "label_observed_at=2024-03-02T00:00:00Z period_end=2024-02-29"),
                (5, "label_observed_at=2024-04-01T00:00:01+00:00 period_end=2024-03-31"),
                (7, "label_observed_at=2024-01-31T23:59:59-01:00 period_end=2024-01-31"),
            ])
        expect("future label_observed_at", .error, failing: 1, examples: [(5, "2024-04-01T00:00:01+00:00")])
        #expect(report.errorCount == 8)
        #expect(report.warningCount == 1)
        #expect(!report.passed)
        #expect(byCheck["unique transaction_id"]?.message == "3 of 7 rows share 1 repeated value")
        #expect(byCheck["freshness created_at"]?.message.contains("is 6d 0h old") == true)
        #expect(byCheck["freshness created_at"]?.severity == .error)
    }
}

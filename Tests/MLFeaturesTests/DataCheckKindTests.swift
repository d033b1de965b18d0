import MLCore
import MLFeatures
import Testing

/// Each column test and the row count, one at a time on inline CSV: a passing and a failing
/// case with exact counts and example rows (1-based data rows).
@Suite struct DataCheckKindTests {
    func run(_ tests: String, _ csv: String, files: [String: String] = [:]) throws -> DataCheckResult {
        try DataCheckFixtures.only(try DataCheckFixtures.run(tests, on: csv, files: files))
    }

    @Test func notNull() throws {
        let pass = try run("columns: {x: [not_null]}", "x,y\n1,a\n2,b\n")
        #expect(pass.status == .pass && pass.failingRows == 0 && pass.message == "no missing values")
        let fail = try run("columns: {x: [not_null]}", "x,y\n1,a\n,b\nNA,c\n4,d\nnan,e\n")
        #expect(fail.status == .error)
        #expect(fail.failingRows == 3)
        #expect(rows(fail) == [2, 3, 5])
        #expect(fail.message == "3 of 5 rows are missing")
        // In a text column a quoted empty field is the empty string, not missing.
        let quoted = try run("columns: {y: [not_null]}", "x,y\n1,\"\"\n2,b\n")
        #expect(quoted.status == .pass)
    }

    @Test func unique() throws {
        let pass = try run("columns: {id: [unique]}", "id\n007\n7\n\n\n8\n")  // missing values repeat freely
        #expect(pass.status == .pass, "\(pass.message)")
        let fail = try run("columns: {id: [unique]}", "id\na\nb\na\nc\nb\na\n")
        #expect(fail.failingRows == 5)
        #expect(fail.examples == [
            DataCheckExample(row: 1, value: "a"), DataCheckExample(row: 2, value: "b"), DataCheckExample(row: 3, value: "a"),
            DataCheckExample(row: 5, value: "b"), DataCheckExample(row: 6, value: "a"),
        ])
        #expect(fail.message == "5 of 6 rows share 2 repeated values")
    }

    @Test func uniqueKeepsTheLowestRowsAsExamples() throws {
        // 7 distinct values, then every one again: 14 failing rows, examples rows 1–5.
        let values = (0..<7).map { "v\($0)" }
        let fail = try run("columns: {id: [unique]}", "id\n" + (values + values).joined(separator: "\n") + "\n")
        #expect(fail.failingRows == 14)
        #expect(rows(fail) == [1, 2, 3, 4, 5])
    }

    @Test func acceptedValues() throws {
        let tests = "columns:\n  c:\n    - accepted_values: {values: [a, b, 10]}\n"
        let pass = try run(tests, "c\na\nb\n10\n\n")
        #expect(pass.status == .pass)
        let fail = try run(tests, "c\na\nA\n10.0\nb\n c\n")
        #expect(fail.failingRows == 3)
        #expect(fail.examples.map(\.value) == ["A", "10.0", " c"])
        #expect(rows(fail) == [2, 3, 5])
        #expect(fail.message == "3 of 5 rows hold a value not in [a, b, 10]")
    }

    @Test func range() throws {
        let tests = "columns:\n  x:\n    - range: {min: -1, max: 2.5}\n"
        let pass = try run(tests, "x\n-1\n2.5\n0\nNA\n")
        #expect(pass.status == .pass)
        #expect(pass.message == "every value is in [-1, 2.5]")
        let fail = try run(tests, "x\n-1.5\n2.5\n3\n0\n1e9\n")
        #expect(fail.failingRows == 3)
        #expect(fail.examples == [
            DataCheckExample(row: 1, value: "-1.5"), DataCheckExample(row: 3, value: "3"), DataCheckExample(row: 5, value: "1000000000"),
        ])
        let lowerOnly = try run("columns: {x: [{range: {min: 0}}]}", "x\n5\n-2\n")
        #expect(lowerOnly.failingRows == 1 && lowerOnly.message == "1 of 2 rows are not ≥ 0")
    }

    @Test func rangeOnATextColumnThatIsAlsoUniqueReadsNumbers() throws {
        let report = try DataCheckFixtures.run("columns: {x: [unique, {range: {max: 10}}]}", on: "x\n 4\n12\n07\n")
        #expect(report.results.map(\.status) == [.pass, .error])
        #expect(report.results[1].examples == [DataCheckExample(row: 2, value: "12")])
    }

    @Test func relationships() throws {
        let parent = ["parents/p.csv": "id,name\n1,a\n2,b\nx,c\n"]
        let tests = "columns:\n  pid:\n    - relationships: {to: parents/p.csv, field: id}\n"
        let pass = try run(tests, "pid\n1\n2\nx\n\n1\n", files: parent)
        #expect(pass.status == .pass, "\(pass.message)")
        let fail = try run(tests, "pid\n1\n3\n01\nx\nX\n", files: parent)
        #expect(fail.failingRows == 3)
        #expect(fail.examples.map(\.value) == ["3", "01", "X"])
        #expect(rows(fail) == [2, 3, 5])
        #expect(fail.message.hasSuffix("p.csv column 'id'"), "\(fail.message)")
    }

    @Test func rowCount() throws {
        let pass = try run("row_count: {min: 2, max: 3}", "x\n1\n2\n3\n")
        #expect(pass.status == .pass && pass.column == nil)
        let low = try run("row_count: {min: 5}", "x\n1\n2\n")
        #expect(low.status == .error && low.message == "2 rows, expected at least 5")
        let high = try run("row_count: {max: 1, severity: warn}", "x\n1\n2\n")
        #expect(high.status == .warn && high.message == "2 rows, expected at most 1")
        let empty = try run("row_count: {min: 1}", "x\n")
        #expect(empty.status == .error && empty.message == "0 rows, expected at least 1")
    }

    @Test func severityDecidesTheVerdict() throws {
        let tests = "columns:\n  x:\n    - not_null: {severity: warn}\n    - unique\n"
        let warned = try DataCheckFixtures.run(tests, on: "x\n1\n\n2\n")
        #expect(warned.results.map(\.status) == [.warn, .pass])
        #expect(warned.passed && warned.warningCount == 1 && warned.errorCount == 0)
        let failed = try DataCheckFixtures.run(tests, on: "x\n1\n\n1\n")
        #expect(failed.results.map(\.status) == [.warn, .error])
        #expect(!failed.passed)
        #expect(failed.summary == "1 error, 1 warning in 2 checks on 3 rows")
    }

    @Test func anInMemoryTableComparesNumbersAsTheirShortestText() throws {
        let table = try Table(names: ["id", "x"], columns: [.int([1, 2, 1, nil]), .double([0.5, 2, .nan, 7])])
        let suite = try DataCheckSuite(yaml: "columns: {id: [unique], x: [{accepted_values: {values: ['0.5', '2', '3']}}]}")
        let report = try suite.run(on: table, clock: DataCheckFixtures.clock())
        #expect(report.results[0].failingRows == 2 && rows(report.results[0]) == [1, 3])
        #expect(report.results[1].examples == [DataCheckExample(row: 4, value: "7")])
        #expect(report.source == nil)
    }
}

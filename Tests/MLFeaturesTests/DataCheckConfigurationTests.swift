import MLCore
import MLFeatures
import MLTesting
import Testing

/// Bad tests files and data the checks cannot read: typed errors naming the file, the key path
/// and the line, the column and the row — never a trap.
@Suite struct DataCheckConfigurationTests {
    @Test(arguments: [
        ("colums: {x: [not_null]}", "colums", 1, "unknown key 'colums'"),
        ("columns:\n  x:\n    - not_null: {severity: fatal}\n", "columns.x[0].not_null.severity", 3, "expected warn or error, got 'fatal'"),
        ("columns:\n  x: [{range: {min: 0, max: 1, strict: true}}]\n", "columns.x[0].range.strict", 2, "unknown key 'strict'"),
        ("columns:\n  x: [not_nul]\n", "columns.x[0]", 2, "unknown test 'not_nul'"),
        ("columns:\n  x: not_null\n", "columns.x", 2, "expected a list of tests"),
        ("columns:\n  x: [range]\n", "columns.x[0]", 2, "range needs arguments"),
        ("columns:\n  x: [{range: {}}]\n", "columns.x[0].range", 2, "give min, max or both"),
        ("columns:\n  x: [{range: {min: 2, max: 1}}]\n", "columns.x[0].range", 2, "min (2) is above max (1)"),
        ("columns:\n  x: [{range: {min: low}}]\n", "columns.x[0].range.min", 2, "expected a finite number, got 'low'"),
        ("columns:\n  x: [{accepted_values: {values: []}}]\n", "columns.x[0].accepted_values.values", 2, "non-empty list"),
        ("columns:\n  x: [{accepted_values: {values: [a, [b]]}}]\n", "columns.x[0].accepted_values.values[1]", 2, "expected a single value"),
        ("columns:\n  x: [{relationships: {to: p.csv}}]\n", "columns.x[0].relationships.field", 2, "missing key 'field'"),
        ("columns:\n  x: [{unique: {}, not_null: {}}]\n", "columns.x[0]", 2, "a mapping with one key"),
        ("freshness:\n  column: t\n  warn_after: 2 days\n", "freshness.warn_after", 3, "expected an age"),
        ("freshness:\n  column: t\n  warn_after: 2\n", "freshness.warn_after", 3, "expected an age"),
        ("freshness:\n  column: t\n  error_after: 1.5d\n", "freshness.error_after", 3, "expected an age"),
        ("freshness:\n  column: t\n  warn_after: 5d\n  error_after: 2d\n", "freshness", 2, "warn_after (5d) is longer than error_after (2d)"),
        ("freshness: {column: t}\n", "freshness", 1, "give warn_after, error_after or both"),
        ("freshness: {warn_after: 1d}\n", "freshness.column", 1, "missing key 'column'"),
        ("row_count: {min: -1}\n", "row_count.min", 1, "expected a whole number"),
        ("row_count: {min: 5, max: 2}\n", "row_count", 1, "min (5) is above max (2)"),
        ("leakage:\n  - label_after_period: {label_time: a}\n", "leakage[0].label_after_period.period_end", 2, "missing key 'period_end'"),
        ("leakage:\n  - future: {column: t, tolerance: soon}\n", "leakage[0].future.tolerance", 2, "expected an age"),
        ("leakage:\n  - label_before: {}\n", "leakage[0].label_before", 2, "unknown rule"),
        ("leakage: {future: t}\n", "leakage", 1, "expected a list of rules"),
    ])
    func badTestsFilesNameTheKeyPathAndLine(yaml: String, key: String, line: Int, message: String) throws {
        let dir = ScratchDirectory(prefix: "datachecks")
        let path = dir.write("tests.yaml", yaml)
        let error = expectFeatureError(.invalidConfiguration, key: key) { _ = try DataCheckSuite.load(contentsOf: path) }
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.path == path)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("\(path):\(line), key '\(key)': ") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["", "# nothing\n", "columns: {}\n", "[1, 2]\n", "columns: [x\n", "a: b: c\n"])
    func emptyOrMalformedFilesAreConfigurationErrors(yaml: String) {
        _ = expectFeatureError(.invalidConfiguration) { _ = try DataCheckSuite(yaml: yaml) }
    }

    @Test func anUnreadableTestsFile() {
        let error = expectFeatureError(.unreadableFile) { _ = try DataCheckSuite.load(contentsOf: "/nonexistent/tests.yaml") }
        #expect(error?.path == "/nonexistent/tests.yaml")
    }

    @Test func missingColumnsAreNamedBeforeAnyCheckRuns() {
        let error = expectFeatureError(.missingColumn, key: "columns.amount[0]") {
            _ = try DataCheckFixtures.run("columns:\n  x: [not_null]\n  amount: [not_null, unique]\n", on: "x,y\n1,2\n")
        }
        #expect(error?.field == "amount")
        #expect(error?.message == "no column 'amount' in the data (columns: 'x', 'y')")
        let leakage = expectFeatureError(.missingColumn, key: "leakage[0].label_after_period.period_end") {
            _ = try DataCheckFixtures.run("leakage: [{label_after_period: {label_time: x, period_end: end}}]", on: "x,y\n1,2\n")
        }
        #expect(leakage?.field == "end")
        _ = expectFeatureError(.missingColumn, key: "freshness.column") {
            _ = try DataCheckFixtures.run("freshness: {column: t, warn_after: 1d}", on: "x\n1\n")
        }
    }

    @Test func relationshipsToAMissingFileOrField() {
        let tests = "columns: {x: [{relationships: {to: p.csv, field: id}}]}"
        let file = expectFeatureError(.unreadableFile, key: "columns.x[0]") { _ = try DataCheckFixtures.run(tests, on: "x\n1\n") }
        #expect(file?.path?.hasSuffix("/p.csv") == true)
        let field = expectFeatureError(.missingColumn, key: "columns.x[0]") {
            _ = try DataCheckFixtures.run(tests, on: "x\n1\n", files: ["p.csv": "key\n1\n"])
        }
        #expect(field?.field == "id")
    }

    @Test func aNonNumberUnderRangeNamesTheRow() {
        let error = expectFeatureError(.invalidValue, key: "columns.x[0]") {
            _ = try DataCheckFixtures.run("columns: {x: [{range: {min: 0}}]}", on: "x\n1\n2\nabc\n")
        }
        #expect(error?.field == "x")
        #expect(error?.message == "data row 3: 'abc' is not a number")
    }

    @Test func anUnreadableDataFileIsADataFormatError() throws {
        let suite = try DataCheckSuite(yaml: "columns: {x: [not_null]}")
        #expect(throws: DataFormatError.self) { _ = try suite.run(onFile: "/nonexistent/data.csv") }
        let dir = ScratchDirectory(prefix: "datachecks")
        let ragged = dir.write("r.csv", "x,y\n1\n")
        #expect(throws: DataFormatError.self) { _ = try suite.run(onFile: ragged) }
    }

    @Test func hostileTextNeverTraps() throws {
        // Odd but valid inputs and garbage values go through typed errors or results, never a trap.
        for yaml in ["columns: {x: [{accepted_values: {values: [~]}}]}", "leakage: [{future: ''}]", "columns: {'': [unique]}",
                     "freshness: {column: t, warn_after: 99999999999999w}", "row_count: {max: 99999999999999999999999}"] {
            do {
                let suite = try DataCheckSuite(yaml: yaml)
                _ = try? suite.run(on: try Table(names: ["x", "t"], columns: [.string(["", nil]), .string(["9999-12-31", "0000-01-01"])]))
            } catch is FeatureError {
            }
        }
    }
}

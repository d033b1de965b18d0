import Foundation
import MLTesting
import Testing

/// `mlctl data check` end to end: the built binary (a dependency of this test target), its exit
/// codes (0 passed or warnings only, 1 an error-level failure, 2 bad input) and its JSON.
@Suite(.serialized) struct DataCheckCommandLineTests {
    static func run(_ arguments: [String]) throws -> CommandResult {
        try BuiltCommand("mlctl").run(["data", "check"] + arguments)
    }

    static let tests = DataCheckFixtures.path("tests.yaml")

    @Test func passingDataExitsZero() throws {
        let r = try Self.run(["--input", DataCheckFixtures.path("transactions_pass.csv"), "--tests", Self.tests, "--now", DataCheckFixtures.now])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("check "), "\(r.stdout)")
        let freshness = r.stdout.split(separator: "\n").first { $0.hasPrefix("freshness ") }
        #expect(freshness?.contains(" created_at ") == true, "\(r.stdout)")
        #expect(r.stdout.hasSuffix("0 errors, 0 warnings in 10 checks on 6 rows\n"), "\(r.stdout)")
        #expect(r.stderr.isEmpty)
    }

    @Test func warningsAloneExitZero() throws {
        // Two days and 18 hours after the latest created_at: past warn_after (2d), not error_after (5d).
        let r = try Self.run([
            "--input", DataCheckFixtures.path("transactions_pass.csv"), "--tests", Self.tests, "--now", "2024-03-12T00:00:00Z", "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try jsonObject(parsing: r.stdout)
        #expect(json["passed"] as? Bool == true)
        #expect(json["warnings"] as? Int == 1)
        #expect(json["errors"] as? Int == 0)
    }

    @Test func anErrorLevelFailureExitsOneWithTheJSONReport() throws {
        let r = try Self.run([
            "--input", DataCheckFixtures.path("transactions_fail.csv"), "--tests", Self.tests, "--now", DataCheckFixtures.now, "--json",
        ])
        #expect(r.status == 1, "\(r.stderr)")
        let json = try jsonObject(parsing: r.stdout)
        #expect(Set(json.keys) == ["passed", "errors", "warnings", "rows", "source", "now", "checks"])
        #expect(json["passed"] as? Bool == false)
        #expect(json["errors"] as? Int == 8)
        #expect(json["warnings"] as? Int == 1)
        #expect(json["rows"] as? Int == 7)
        #expect(json["now"] as? String == "2024-03-10T00:00:00Z")
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(checks.count == 10)
        for check in checks {
            #expect(Set(check.keys) == ["name", "column", "severity", "status", "failing_rows", "examples", "message"])
        }
        #expect(checks[0]["column"] is NSNull)
        let unique = try #require(checks.first { $0["name"] as? String == "unique" })
        #expect(unique["failing_rows"] as? Int == 3)
        #expect(unique["status"] as? String == "error")
        let examples = try #require(unique["examples"] as? [[String: Any]])
        #expect(examples.compactMap { $0["row"] as? Int } == [2, 3, 7])
        #expect(examples.first?["value"] as? String == "t2")
        let range = try #require(checks.first { $0["name"] as? String == "range" })
        #expect(range["status"] as? String == "warn" && range["severity"] as? String == "warn")
    }

    @Test func textOutputListsExamplesAndTheFailedChecks() throws {
        let r = try Self.run(["--input", DataCheckFixtures.path("transactions_fail.csv"), "--tests", Self.tests, "--now", DataCheckFixtures.now])
        #expect(r.status == 1)
        #expect(r.stdout.contains("unique transaction_id: row 2: t2; row 3: t2; row 7: t2\n"), "\(r.stdout)")
        #expect(r.stdout.contains("8 errors, 1 warning in 10 checks on 7 rows"))
        #expect(r.stderr.hasPrefix("check failed: not_null transaction_id, unique transaction_id"), "\(r.stderr)")
    }

    @Test func badInputExitsTwoWithAnErrorLine() throws {
        let dir = ScratchDirectory(prefix: "mlctl-data")
        let data = DataCheckFixtures.path("transactions_pass.csv")
        let cases: [(String, [String], String)] = [
            ("bad YAML", ["--input", data, "--tests", dir.write("a.yaml", "columns: [x\n")], "malformed YAML"),
            ("unknown key", ["--input", data, "--tests", dir.write("b.yaml", "colums: {x: [unique]}\n")], "key 'colums'"),
            ("bad severity", ["--input", data, "--tests", dir.write("c.yaml", "columns: {amount: [{not_null: {severity: high}}]}\n")],
             "key 'columns.amount[0].not_null.severity'"),
            ("bad age", ["--input", data, "--tests", dir.write("d.yaml", "freshness: {column: created_at, warn_after: 2x}\n")],
             "key 'freshness.warn_after'"),
            ("missing column", ["--input", data, "--tests", dir.write("e.yaml", "columns: {nope: [not_null]}\n")],
             "no column 'nope' in the data"),
            ("unreadable data", ["--input", dir.file("none.csv"), "--tests", Self.tests], "none.csv"),
            ("unreadable tests", ["--input", data, "--tests", dir.file("none.yaml")], "none.yaml"),
            ("bad --now", ["--input", data, "--tests", Self.tests, "--now", "tomorrow"], "argument 'now'"),
            ("not a timestamp", ["--input", data, "--tests", dir.write("f.yaml", "leakage: [{future: category}]\n")],
             "data row 1: 'food' is not a timestamp"),
            ("no options", [], ""),
        ]
        for (label, args, text) in cases {
            let r = try Self.run(args)
            #expect(r.status == 2, "\(label): exit \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.hasPrefix("error:"), "\(label): \(r.stderr)")
            #expect(text.isEmpty || r.stderr.contains(text), "\(label): \(r.stderr)")
        }
    }

    @Test func helpDescribesTheExitCodes() throws {
        let parent = try BuiltCommand("mlctl").run(["data", "--help"])
        #expect(parent.status == 0)
        #expect(parent.stdout.contains("Exit codes: 0 no error-level failure"))
        let check = try Self.run(["--help"])
        #expect(check.status == 0)
        for word in ["--input", "--tests", "--now", "--json", "Docs/DataChecks.md"] {
            #expect(check.stdout.contains(word), "\(word)")
        }
    }
}

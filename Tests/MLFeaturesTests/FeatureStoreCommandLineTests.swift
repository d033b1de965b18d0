import Foundation
import MLTesting
import Testing

/// `mlctl features store …` end to end (the built binary): ingest then retrieve equals pandas'
/// `merge_asof(by=entity, tolerance=TTL)` on the fixture (written by
/// `scripts/make-feature-store-fixtures.py`), statuses included; materialize, get, parity,
/// history; exit codes for bad input.
@Suite(.serialized) struct FeatureStoreCommandLineTests {
    static func run(_ arguments: [String]) throws -> CommandResult { try BuiltCommand("mlctl").run(arguments) }

    /// The text of column `name` of a CSV without quoted fields.
    static func textColumn(_ path: String, _ name: String) throws -> [String] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let k = try #require(header.firstIndex { $0 == name })
        return lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[k]) }
    }

    /// Column `name` as numbers (an empty field is NaN).
    static func numbers(_ path: String, _ name: String) throws -> [Double] {
        try textColumn(path, name).map { $0.isEmpty ? .nan : try #require(Double($0), "\(name): \($0)") }
    }

    static func header(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    }

    @Test func ingestThenRetrieveEqualsPandasMergeAsof() throws {
        let dir = ScratchDirectory(prefix: "mlctl-store")
        let store = "sqlite://" + dir.file("fs.sqlite")
        var r = try Self.run(["features", "store", "init", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        r = try Self.run([
            "features", "store", "ingest", "--store", store, "--view", "v", "--input", fixtures.path("featurestore/rows.csv"),
            "--entity", "entity", "--time", "event_time", "--ttl", "3d", "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""features":["f0","f1","f2","f3","n"]"#), "\(r.stdout)")
        let out = dir.file("out.csv")
        r = try Self.run([
            "features", "store", "retrieve", "--store", store, "--view", "v", "--requests",
            fixtures.path("featurestore/requests.csv"), "--entity", "entity", "--time", "request_time", "--output", out, "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""present":624"#) && r.stdout.contains(#""expired":273"#), "\(r.stdout)")
        let expected = fixtures.path("featurestore/expected.csv")
        #expect(try Self.header(out) == ["request_id", "entity", "request_time", "f0", "f1", "f2", "f3", "n", "status"])
        #expect(try Self.numbers(out, "request_id") == (0..<1000).map(Double.init))
        for name in ["entity", "request_time", "f0", "f1", "f2", "f3", "n"] {
            let (got, want) = (try Self.numbers(out, name), try Self.numbers(expected, name))
            #expect(got.count == 1000 && want.count == 1000)
            for (i, (a, e)) in zip(got, want).enumerated() {
                #expect((a.isNaN && e.isNaN) || a == e, "\(name) row \(i): \(a) vs \(e)")
            }
        }
        #expect(try Self.textColumn(out, "status") == Self.textColumn(expected, "status"))
        // The same with a feature subset and the version pinned.
        let history = try Self.run(["features", "store", "history", "--store", store, "--json"])
        let version = try #require(history.stdout.firstMatch(of: /"version":"([0-9a-f]{64})"/)?.1)
        r = try Self.run([
            "features", "store", "retrieve", "--store", store, "--view", "v", "--requests",
            fixtures.path("featurestore/requests.csv"), "--entity", "entity", "--time", "request_time", "--features", "n,f1",
            "--version", String(version), "--output", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.header(out) == ["request_id", "entity", "request_time", "n", "f1", "status"])
        r = try Self.run([
            "features", "store", "retrieve", "--store", store, "--view", "v", "--requests",
            fixtures.path("featurestore/requests.csv"), "--entity", "entity", "--time", "request_time",
            "--version", String(repeating: "0", count: 64), "--output", out,
        ])
        #expect(r.status == 2 && r.stderr.contains("pinned"), "\(r.stderr)")
    }

    @Test func materializeGetParityAndHistory() throws {
        let dir = ScratchDirectory(prefix: "mlctl-store")
        let store = dir.file("fs.sqlite")
        let rows = dir.write("rows.csv", """
            card,ts,spend,n
            c1,2024-01-01T00:00:00Z,10.5,1
            c2,2024-01-01T00:00:00Z,3,2
            c1,2024-01-03T00:00:00Z,12.25,3

            """)
        _ = try Self.run(["features", "store", "init", "--store", store])
        var r = try Self.run([
            "features", "store", "ingest", "--store", store, "--view", "cards", "--input", rows, "--entity", "card", "--time", "ts",
            "--ttl", "2d",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        r = try Self.run(["features", "store", "materialize", "--store", store, "--view", "cards", "--end", "2024-01-04T00:00:00Z", "--json"])
        #expect(r.status == 0 && r.stdout.contains(#""written":2"#), "\(r.stdout) \(r.stderr)")
        r = try Self.run([
            "features", "store", "get", "--store", store, "--view", "cards", "--entities", "c1,c2,c9", "--now", "2024-01-04T00:00:00Z",
            "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""entity":"c1","event_time":1704240000,"status":{"n":"present","spend":"present"},"values":{"n":3,"spend":12.25}"#), "\(r.stdout)")
        #expect(r.stdout.contains(#""entity":"c2","event_time":1704067200,"status":{"n":"expired","spend":"expired"}"#), "\(r.stdout)")
        #expect(r.stdout.contains(#""entity":"c9","status":{"n":"missing","spend":"missing"}"#), "\(r.stdout)")
        r = try Self.run(["features", "store", "parity", "--store", store, "--view", "cards"])
        #expect(r.status == 0 && r.stdout.contains("2 entities checked, 0 mismatches"), "\(r.stdout) \(r.stderr)")
        r = try Self.run(["features", "store", "history", "--store", store, "--view", "cards"])
        #expect(r.stdout.contains(" cards apply ") && r.stdout.contains(" cards materialize ") && r.stdout.contains(" cards parity "), "\(r.stdout)")
    }

    @Test func badInputExitsTwoAndNamesIt() throws {
        let dir = ScratchDirectory(prefix: "mlctl-store")
        let store = dir.file("fs.sqlite")
        var r = try Self.run(["features", "store", "get", "--store", store, "--view", "v", "--entities", "a"])
        #expect(r.status == 2 && r.stderr.contains("no feature store"), "\(r.stderr)")
        _ = try Self.run(["features", "store", "init", "--store", store])
        let rows = dir.write("rows.csv", "id,t,x\na,1,0.5\nb,oops,1\n")
        r = try Self.run(["features", "store", "ingest", "--store", store, "--view", "v", "--input", rows, "--entity", "id", "--time", "t"])
        #expect(r.status == 2 && r.stderr.contains("row 2") && r.stderr.contains("'t'"), "\(r.stderr)")
        let text = dir.write("text.csv", "id,t,x\na,1,0.5\nb,2,hello\n")
        r = try Self.run(["features", "store", "ingest", "--store", store, "--view", "v", "--input", text, "--entity", "id", "--time", "t"])
        #expect(r.status == 2 && r.stderr.contains("'x'"), "\(r.stderr)")
        let good = dir.write("good.csv", "id,t,x\na,1,0.5\n")
        r = try Self.run(["features", "store", "ingest", "--store", store, "--view", "v", "--input", good, "--entity", "id", "--time", "t", "--ttl", "1d"])
        #expect(r.status == 0, "\(r.stderr)")
        let wrongType = dir.write("wrong.csv", "id,t,x\na,1,hello\n")
        r = try Self.run(["features", "store", "ingest", "--store", store, "--view", "v", "--input", wrongType, "--entity", "id", "--time", "t"])
        #expect(r.status == 2 && r.stderr.contains("typeMismatch") == false && r.stderr.contains("float64"), "\(r.stderr)")
        r = try Self.run(["features", "store", "retrieve", "--store", store, "--view", "nope", "--requests", good, "--entity", "id", "--time", "t", "--output", dir.file("o.csv")])
        #expect(r.status == 2 && r.stderr.contains("no view 'nope'"), "\(r.stderr)")
        r = try Self.run(["features", "store", "ingest", "--store", store, "--view", "v", "--input", good, "--entity", "id", "--time", "t", "--ttl", "0d"])
        #expect(r.status == 2 && r.stderr.contains("not a TTL"), "\(r.stderr)")
        r = try Self.run(["features", "store", "parity", "--store", store, "--view", "v"])
        #expect(r.status == 2 && r.stderr.contains("not been materialized"), "\(r.stderr)")
        let notADatabase = dir.write("junk.sqlite", String(repeating: "junk", count: 300))
        r = try Self.run(["features", "store", "history", "--store", notADatabase])
        #expect(r.status == 2, "\(r.stderr)")
    }
}

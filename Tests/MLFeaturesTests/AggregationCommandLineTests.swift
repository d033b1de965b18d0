import Foundation
import MLTesting
import Testing

/// `mlctl features aggregate` end to end (the built binary, a dependency of this test target):
/// columns, values against pandas, exit codes; and the CustomerProfiles example.
@Suite(.serialized) struct AggregationCommandLineTests {
    static func run(_ arguments: [String], executable name: String = "mlctl") throws -> CommandResult {
        try BuiltCommand(name).run(arguments)
    }

    @Test func aggregatesTheFixtureLikePandas() throws {
        let dir = ScratchDirectory(prefix: "mlctl-aggregate")
        let out = dir.file("out.csv")
        let r = try Self.run([
            "features", "aggregate", "--input", fixtures.path("aggregations/events.csv"), "--entity", "card", "--time", "ts",
            "--value", "amount", "--windows", "2h,3d", "--aggregations", "count,sum,mean,std,min,max", "--recency",
            "--keep", "event_id", "--output", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let got = try NumericCSV(path: out)
        let expected = try NumericCSV(path: fixtures.path("aggregations/expected.csv"))
        #expect(got.header == expected.header)
        #expect(try got.intColumn("event_id") == expected.intColumn("event_id"))
        for name in expected.header.dropFirst() {
            let zeroWhenEmpty = name.hasPrefix("amount_count") || name.hasPrefix("amount_sum")
            for (a, e) in zip(try got.column(name), try expected.column(name)) {
                let want = zeroWhenEmpty && e.isNaN ? 0 : e
                #expect((a.isNaN && want.isNaN) || abs(a - want) <= 1e-9 * max(1, abs(want)), "\(name): \(a) vs \(want)")
            }
        }
        // Counts are written as integers.
        let text = dir.read("out.csv")
        #expect(text.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)[1] == "0")
    }

    @Test func distinctRatioAndIsoTimes() throws {
        let dir = ScratchDirectory(prefix: "mlctl-aggregate")
        let input = dir.write("e.csv", """
            id,user,when,spend,shop
            a,u1,2024-01-02T03:00:00Z,10,s1
            b,u1,2024-01-02T03:30:00Z,30,"s,2"
            c,u2,2024-01-02T03:40:00+00:00,5,s1
            d,u1,2024-01-02T04:10:00.5Z,40,s1

            """)
        let out = dir.file("o.csv")
        let r = try Self.run([
            "features", "aggregate", "--input", input, "--entity", "user", "--time", "when", "--value", "spend",
            "--category", "shop", "--windows", "1h", "--aggregations", "distinct,ratio", "--recency", "--keep", "id", "--output", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(dir.read("o.csv") == """
            id,spend_distinct_1h,spend_ratio_1h,seconds_since_last
            a,0,,
            b,1,3,1800
            c,0,,
            d,1,1.3333333333333333,2400.5

            """)
    }

    @Test func badInputExitsTwoNamingWhatAndWhere() throws {
        let dir = ScratchDirectory(prefix: "mlctl-aggregate")
        let good = dir.write("good.csv", "card,ts,amount\n1,0,5\n1,10,6\n")
        let badTime = dir.write("t.csv", "card,ts,amount\n1,0,5\n1,soon,6\n")
        let badValue = dir.write("v.csv", "card,ts,amount\n1,0,5\n1,10,lots\n")
        func args(_ input: String, _ extra: [String] = [], windows: String = "1h") -> [String] {
            ["features", "aggregate", "--input", input, "--entity", "card", "--time", "ts", "--value", "amount",
             "--windows", windows, "--output", dir.file("o.csv")] + extra
        }
        let cases: [(String, [String], String)] = [
            ("missing column", args(good) + ["--category", "mcc", "--aggregations", "distinct"], "mcc"),
            ("unknown entity", ["features", "aggregate", "--input", good, "--entity", "user", "--time", "ts", "--value", "amount",
                                "--windows", "1h", "--output", dir.file("o.csv")], "user"),
            ("bad time", args(badTime), "row 2"),
            ("bad value", args(badValue), "row 2"),
            ("bad window", args(good, windows: "2x"), "2x"),
            ("distinct without category", args(good, ["--aggregations", "count,distinct"]), "--category"),
            ("unknown aggregation", args(good, ["--aggregations", "median"]), "median"),
            ("missing file", args(dir.file("nope.csv")), "nope.csv"),
            ("unknown keep column", args(good, ["--keep", "event_id"]), "event_id"),
        ]
        for (label, arguments, mention) in cases {
            let r = try Self.run(arguments)
            #expect(r.status == 2, "\(label): exit \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.hasPrefix("error:"), "\(label): \(r.stderr)")
            #expect(r.stderr.contains(mention), "\(label): \(r.stderr)")
        }
        let ok = try Self.run(args(good, ["--json"]))
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("\"rows\":2"))
    }

    @Test func helpListsTheGroupAndItsOptions() throws {
        let group = try Self.run(["features", "--help"])
        #expect(group.status == 0)
        #expect(group.stdout.contains("aggregate"))
        let help = try Self.run(["features", "aggregate", "--help"])
        for option in ["--input", "--entity", "--time", "--value", "--category", "--windows", "--aggregations", "--recency", "--keep", "--output"] {
            #expect(help.stdout.contains(option), "\(option)")
        }
    }

    /// Examples are run by tests: the CustomerProfiles story.
    @Test func customerProfilesExampleRuns() throws {
        let r = try Self.run([], executable: "CustomerProfiles")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("resumed stream equals the uninterrupted one: true"))
        #expect(r.stdout.contains("streaming equals batch: true"))
        #expect(r.stdout.contains("refused: event out of order"))
    }
}

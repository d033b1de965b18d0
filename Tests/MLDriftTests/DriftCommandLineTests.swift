import Foundation
import MLTesting
import Testing

/// `mlctl drift` end to end: the built binary (a dependency of this test target, so it is built
/// with the tests), its exit codes and outputs.
@Suite(.serialized) struct DriftCommandLineTests {
    static func run(_ arguments: [String], executable name: String = "mlctl") throws -> CommandResult {
        try BuiltCommand(name).run(arguments)
    }

    @Test func exitCodesOnTheFixtures() throws {
        let none = try Self.run(["drift", "--baseline", DriftFixtures.path("drift_none", "baseline.csv"),
                                 "--current", DriftFixtures.path("drift_none", "current.csv"), "--json"])
        #expect(none.status == 0, "\(none.stderr)")
        let clear = try Self.run(["drift", "--baseline", DriftFixtures.path("drift_clear", "baseline.csv"),
                                  "--current", DriftFixtures.path("drift_clear", "current.csv"), "--json"])
        #expect(clear.status == 1, "\(clear.stderr)")
        let json = try jsonObject(parsing: clear.stdout)
        let columns = try #require(json["columns"] as? [String: [String: Any]])
        let expected = try DriftFixtures.expectedColumns("drift_clear")
        for (name, e) in expected {
            for key in ["psi", "ks_statistic", "ks_pvalue", "js_distance_base2", "wasserstein", "chi2_statistic", "chi2_pvalue"] {
                guard let want = e[key] as? Double else { continue }
                let got = try #require(columns[name]?[key] as? Double, "\(name)/\(key)")
                #expect(abs(got - want) <= max(1e-9, key.hasSuffix("pvalue") ? 1e-6 * abs(want) : 0), "\(name)/\(key)")
            }
        }
        #expect(json["drift_detected"] as? Bool == true)
    }

    @Test func snapshotMergeAndCheckWithReports() throws {
        let dir = ScratchDirectory(prefix: "mlctl-drift")
        let profile = dir.file("base.profile.json")
        let merged = dir.file("all.profile.json")
        let html = dir.file("d.html")
        let prom = dir.file("d.prom")
        let snap = try Self.run(["drift", "snapshot", "--data", DriftFixtures.path("drift_none", "baseline.csv"), "--output", profile])
        #expect(snap.status == 0, "\(snap.stderr)")
        let merge = try Self.run(["drift", "merge", profile, profile, "--output", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        let check = try Self.run(["drift", "--baseline", profile, "--current", DriftFixtures.path("drift_clear", "current.csv"),
                                  "--report", html, "--prometheus", prom])
        #expect(check.status == 1, "\(check.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg"))
        let text = try String(contentsOfFile: prom, encoding: .utf8)
        #expect(text.contains("mlctl_drift_detected 1\n"))
        let explicit = try Self.run(["drift", "check", "--baseline", merged, "--current", DriftFixtures.path("drift_none", "current.csv")])
        #expect(explicit.status == 0, "\(explicit.stderr)")
    }

    @Test func badInputExitsTwoWithAnErrorLine() throws {
        let dir = ScratchDirectory(prefix: "mlctl-drift")
        func write(_ name: String, _ text: String) -> String { dir.write(name, text) }
        let base = DriftFixtures.path("drift_none", "baseline.csv")
        let cases: [(String, [String])] = [
            ("missing column", ["drift", "--baseline", base, "--current", write("a.csv", "x_normal,segment\n1,a\n")]),
            ("type mismatch", ["drift", "--baseline", base, "--current", write("b.csv", "x_normal,x_lognormal,x_uniform,segment\nabc,1,2,a\n")]),
            ("empty data", ["drift", "--baseline", base, "--current", write("c.csv", "x_normal,x_lognormal,x_uniform,segment\n")]),
            ("missing file", ["drift", "--baseline", base, "--current", dir.file("nope.csv")]),
            ("bad config", ["drift", "--baseline", base, "--current", base, "--config", write("d.yaml", "alpha: 7\n")]),
            ("bad profile", ["drift", "--baseline", write("e.profile.json", "{}"), "--current", base]),
            ("no options", ["drift"]),
            ("merge of one", ["drift", "merge", base, "--output", dir.file("m.json")]),
        ]
        for (label, args) in cases {
            let r = try Self.run(args)
            #expect(r.status == 2, "\(label): exit \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.hasPrefix("error:"), "\(label): \(r.stderr)")
        }
    }

    /// `mlctl drift` is both a parent (snapshot, merge) and, through its default subcommand, the check.
    @Test func helpListsTheSubcommandsAndTheCheckOptions() throws {
        let parent = try Self.run(["drift", "--help"])
        #expect(parent.status == 0)
        for word in ["check (default)", "snapshot", "merge", "Exit codes: 0 no drift, 1 drift, 2 bad usage or input"] {
            #expect(parent.stdout.contains(word), "\(word)")
        }
        let check = try Self.run(["drift", "check", "--help"])
        #expect(check.status == 0)
        for option in ["--baseline", "--current", "--config", "--json", "--report", "--prometheus", "--columns"] {
            #expect(check.stdout.contains(option), "\(option)")
        }
        let snapshot = try Self.run(["drift", "snapshot", "--help"])
        for option in ["--data", "--columns", "--output", "--sample-size", "--seed"] {
            #expect(snapshot.stdout.contains(option), "\(option)")
        }
    }

    /// Examples are run by tests: the DriftCron story ends with a retraining decision.
    @Test func driftCronExampleRuns() throws {
        let r = try Self.run([], executable: "DriftCron")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("night 5: drift YES"))
        #expect(r.stdout.contains("retrain: true"))
        #expect(r.stdout.contains("because persistent_drift"))
    }
}

import MLTesting
import Foundation
import MLRegistry
import Testing

/// `mlctl registry …` end to end: every subcommand, its JSON shape and exit codes.
@Suite struct RegistryCLITests {
    let mlctl: String
    let dir = ScratchDirectory()
    var db: String { dir.file("reg.sqlite") }

    init() throws {
        mlctl = try #require(BuiltProducts.path("mlctl"), "mlctl is built by `swift test` next to the tests")
    }

    @discardableResult
    func run(_ arguments: String..., expect status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> CommandResult
    {
        let result = try runProcess(mlctl, ["registry"] + arguments)
        #expect(
            result.status == status, "mlctl registry \(arguments.joined(separator: " ")): \(result.stderr)",
            sourceLocation: sourceLocation)
        if status == 2 { #expect(result.stderr.hasPrefix("error: "), sourceLocation: sourceLocation) }
        return result
    }

    func json(_ arguments: String...) throws -> [String: Any] {
        let result = try runProcess(mlctl, ["registry"] + arguments + ["--json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try jsonObject(parsing: result.stdout)
    }

    @Test func lifecycleThroughEveryCommand() throws {
        let model = dir.write("model.json", #"{"trees": []}"#)
        let metrics = dir.write("m.json", #"{"auc": 0.91, "per_class": {"0": {"f1": 0.8}}, "curve": [1, 2]}"#)
        let better = dir.write("m2.json", #"{"auc": 0.94}"#)
        let evidence = dir.write(
            "e.json",
            #"{"gates": {"passed": true}, "export_validation": {"passed": true}, "calibration": {"passed": true, "ece": 0.01}}"#)
        let params = dir.write("p.json", #"{"lr": 0.1, "depth": 6}"#)
        let runMetrics = dir.write("rm.json", #"{"loss": [{"step": 1, "value": 0.7}, {"step": 2, "value": 0.5}]}"#)
        let data = dir.write("train.csv", "a,b\n1,2\n")

        // init, log-run, runs
        #expect(try json("init", "--db", db)["db"] as? String == db)
        let runID = try run(
            "log-run", "--db", db, "--experiment", "tuning", "--params", params, "--metrics", runMetrics, "--dataset",
            data, "--actor", "ci"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(runID == "1")
        #expect(try json("runs", "--db", db, "--experiment", "tuning")["run_count"] as? Int == 1)
        #expect(try run("runs", "--db", db, "--experiment", "tuning", "--count").stdout == "1\n")

        // register (plain prints the number; --json an object), evidence, list, show
        #expect(
            try run("register", "--db", db, "--name", "fraud", "--model", model, "--metrics", metrics, "--run", runID).stdout
                == "1\n")
        let v2 = try json(
            "register", "--db", db, "--name", "fraud", "--model", model, "--metrics", better, "--evidence", evidence,
            "--format", "xgboost-json", "--actor", "alice")
        #expect(v2["version"] as? Int == 2 && v2["created_by"] as? String == "alice" && v2["format"] as? String == "xgboost-json")
        #expect((v2["metrics"] as? [String: Double])?["auc"] == 0.94)
        let v1 = try json("show", "--db", db, "--name", "fraud", "--version", "1")
        #expect((v1["metrics"] as? [String: Double])?["per_class.0.f1"] == 0.8)
        #expect(v1["run_id"] as? Int == 1)
        let listed = try json("list", "--db", db, "--name", "fraud")
        #expect((listed["versions"] as? [[String: Any]])?.compactMap { $0["version"] as? Int } == [1, 2])
        #expect(try json("show", "--db", db, "--name", "fraud")["version"] as? Int == 2)
        let added = try json("evidence", "--db", db, "--name", "fraud", "--version", "1", "--evidence", evidence)
        #expect((added["evidence"] as? [String: Any])?.count == 3)

        // alias (gated champion), history, rollback, compare
        try run("alias", "--db", db, "--name", "fraud", "--alias", "champion", "--version", "1", "--reason", "first")
        try run("alias", "--db", db, "--name", "fraud", "--alias", "champion", "--version", "2")
        let history = try json("history", "--db", db, "--name", "fraud", "--alias", "champion")
        let moves = try #require(history["history"] as? [[String: Any]])
        #expect(moves.compactMap { $0["to_version"] as? Int } == [1, 2])
        #expect(moves.first?["reason"] as? String == "first")
        #expect(moves.first?["from_version"] is NSNull)
        for key in ["from_version", "to_version", "moved_at", "actor", "reason"] { #expect(moves[0][key] != nil) }
        let asOf = try json("history", "--db", db, "--name", "fraud", "--alias", "champion", "--as-of", "2999-01-01")
        #expect(asOf["version"] as? Int == 2)
        let early = try json("history", "--db", db, "--name", "fraud", "--alias", "champion", "--as-of", "2000-01-01")
        #expect(early["version"] is NSNull && (early["history"] as? [Any])?.isEmpty == true)
        let movedAt = try #require(moves.first?["moved_at"] as? String)
        #expect(
            try json("show", "--db", db, "--name", "fraud", "--alias", "champion", "--as-of", movedAt)["version"] as? Int
                == 1)
        let back = try json("rollback", "--db", db, "--name", "fraud", "--reason", "regression")
        #expect(back["to_version"] as? Int == 1 && back["kind"] as? String == "rollback")
        let comparison = try json("compare", "--db", db, "--name", "fraud", "1", "2")
        #expect((comparison["metrics"] as? [[String: Any]])?.first?["metric"] as? String == "auc")
        #expect(try run("compare", "--db", db, "--name", "fraud", "@champion", "latest").stdout.contains("auc"))

        // promote, deploy, lineage, export, archive, delete
        try run("promote", "--db", db, "--name", "fraud", "--version", "2", "--stage", "production")
        try run("promote", "--db", db, "--name", "fraud", "--version", "2", "--stage", "bogus", expect: 2)
        let deployment = try json(
            "deploy", "--db", db, "--name", "fraud", "--version", "1", "--environment", "production", "--traffic-share",
            "0.5")
        #expect(deployment["traffic_share"] as? Double == 0.5)
        try run("deploy", "--db", db, "--id", "1", "--status", "draining")
        let lineage = try json("lineage", "--db", db, "--name", "fraud", "--version", "1")
        #expect((lineage["datasets"] as? [[String: Any]])?.first?["name"] as? String == "train.csv")
        #expect((lineage["deployments"] as? [[String: Any]])?.first?["status"] as? String == "draining")
        let sha = try #require((lineage["datasets"] as? [[String: Any]])?.first?["sha256"] as? String)
        let byData = try json("lineage", "--db", db, "--dataset", sha)
        #expect((byData["versions"] as? [[String: Any]])?.count == 1)
        let exported = dir.file("exported.json")
        try run("export", "--db", db, "--name", "fraud", "--alias", "champion", "--output", exported)
        #expect(FileManager.default.contents(atPath: exported) == FileManager.default.contents(atPath: model))
        try run("register", "--db", db, "--name", "fraud", "--model", model)
        try run("archive", "--db", db, "--name", "fraud", "--version", "3", "--reason", "unused")
        try run("delete", "--db", db, "--name", "fraud", "--version", "3", "--reason", "cleanup")
        // The deleted version's stage moves went with it; v2's promotion remains.
        let stages = try json("history", "--db", db, "--name", "fraud", "--stages")
        #expect((stages["history"] as? [[String: Any]])?.compactMap { $0["to_stage"] as? String } == ["production"])

        // audit log, verify, check
        let log = try json("audit", "log", "--db", db, "--limit", "100")
        let actions = (log["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
        for a in ["init", "run", "register", "evidence", "alias", "rollback", "promote", "deployment", "archive", "delete"] {
            #expect(actions.contains(a), "audit log lacks \(a)")
        }
        #expect(try json("audit", "verify", "--db", db)["intact"] as? Bool == true)
        try run("audit", "check", "--db", db)
    }

    @Test func gateRefusalExitsOneAndForceIsAudited() throws {
        let model = dir.write("model.json", "{}")
        try run("init", "--db", db)
        try run("register", "--db", db, "--name", "fraud", "--model", model)
        let refused = try run("alias", "--db", db, "--name", "fraud", "--alias", "champion", "--version", "1", expect: 1)
        #expect(refused.stderr.contains("no 'gates' evidence recorded"))
        try run("promote", "--db", db, "--name", "fraud", "--version", "1", "--stage", "production", expect: 1)
        try run("alias", "--db", db, "--name", "fraud", "--alias", "champion", "--version", "1", "--force", expect: 2)
        let forced = try json(
            "alias", "--db", db, "--name", "fraud", "--alias", "champion", "--version", "1", "--force", "--reason", "hotfix")
        #expect(forced["forced"] as? Bool == true)
        let entry = try #require((try json("audit", "log", "--db", db, "--limit", "1")["entries"] as? [[String: Any]])?.first)
        #expect(entry["forced"] as? Bool == true && entry["reason"] as? String == "hotfix")
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let model = dir.write("model.json", "{}")
        let key = dir.file("key")
        let otherKey = dir.file("other")
        try run("keygen", "--out", key)
        try run("keygen", "--out", key, expect: 2)
        #expect(try json("keygen", "--out", otherKey)["key_id"] is String)
        try run("list", "--db", db, expect: 2)  // no registry yet
        try run("init", "--db", db)
        try run("register", "--db", db, "--name", "fraud", "--model", model, "--sign-key", key)
        let before = try runProcess(mlctl, ["registry", "audit", "log", "--db", db, "--json"]).stdout
        try run("show", "--db", db, "--name", "nope", expect: 2)
        try run("alias", "--db", db, "--name", "nope", "--alias", "champion", "--version", "1", expect: 2)
        try run("alias", "--db", db, "--name", "fraud", "--alias", "challenger", "--version", "7", expect: 2)
        try run("register", "--db", db, "--name", "fraud", "--model", dir.file("missing"), expect: 2)
        try run("register", "--db", db, "--name", "fraud", "--model", model, "--sign-key", key + ".pub", expect: 2)
        try run("register", "--db", db, "--name", "fraud", "--model", model, "--metrics", model + "x", expect: 2)
        let badEvidence = dir.write("bad-evidence.json", #"{"gates": true}"#)
        try run("register", "--db", db, "--name", "fraud", "--model", model, "--evidence", badEvidence, expect: 2)
        try run("register", "--db", db, "--name", "fraud", "--model", model, "--run", "9", expect: 2)
        try run("history", "--db", db, "--name", "fraud", "--as-of", "last tuesday", expect: 2)
        try run("rollback", "--db", db, "--name", "fraud", expect: 2)
        // Signature: the right key verifies, a wrong key is refused.
        try run("show", "--db", db, "--name", "fraud", "--version", "1", "--verify-key", key + ".pub")
        try run("show", "--db", db, "--name", "fraud", "--version", "1", "--verify-key", otherKey + ".pub", expect: 2)
        try run("export", "--db", db, "--name", "fraud", "--version", "1", "--output", dir.file("x"), "--verify-key",
            otherKey + ".pub", expect: 2)
        #expect(!FileManager.default.fileExists(atPath: dir.file("x")))
        // Nothing above wrote anything.
        #expect(try runProcess(mlctl, ["registry", "audit", "log", "--db", db, "--json"]).stdout == before)
        #expect(try json("list", "--db", db)["versions"].map { ($0 as? [Any])?.count } == 1)
        // A corrupt artifact is refused on load.
        let path = try ModelRegistry(path: db).artifactPath("fraud", .number(1))
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: path))
        let corrupt = try run("show", "--db", db, "--name", "fraud", "--version", "1", "--verify", expect: 2)
        #expect(corrupt.stderr.contains("do not match the recorded SHA-256"))
        try run("export", "--db", db, "--name", "fraud", "--version", "1", "--output", dir.file("y"), expect: 2)
        try run("audit", "check", "--db", db, expect: 1)
    }

    @Test func auditVerifyExitsOneAfterTampering() throws {
        let model = dir.write("model.json", "{}")
        try run("init", "--db", db)
        for _ in 0..<5 { try run("register", "--db", db, "--name", "fraud", "--model", model) }
        try run("audit", "verify", "--db", db)
        try TamperTool.execute(db, "UPDATE audit_log SET reason = 'tampered' WHERE seq = 4", [])
        let result = try run("audit", "verify", "--db", db, expect: 1)
        #expect(result.stdout.contains("TAMPERED"))
    }

    @Test func benchPrintsLookupTimings() throws {
        let result = try json("bench", "--versions", "50", "--alias-moves", "20", "--lookups", "20", "--dir", dir.file("b"))
        #expect((result["timings"] as? [[String: Any]])?.count == 4)
    }
}

@Suite struct RegistryExampleTests {
    @Test func registryLifecycleExampleRunsAndCleansUp() throws {
        let example = try #require(BuiltProducts.path("RegistryLifecycle"), "built by `swift test`")
        let result = try runProcess(example, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("refused:"))
        #expect(result.stdout.contains("audit log: 1"))
        #expect(result.stdout.hasSuffix("done\n"))
        let registryLine = result.stdout.split(separator: "\n").first { $0.hasPrefix("registry: ") }
        let path = try #require(registryLine.map { String($0.dropFirst("registry: ".count)) })
        #expect(!FileManager.default.fileExists(atPath: path), "the example removes its folder")
    }
}

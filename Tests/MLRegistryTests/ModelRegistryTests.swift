import MLTesting
import Foundation
import MLRegistry
import Testing

@Suite struct ModelRegistryTests {
    @Test func registersNumberedVersionsWithArtifactsAndMetrics() throws {
        let t = try TestRegistry()
        let v1 = try t.register(metrics: ["auc": 0.91])
        let v2 = try t.register(metrics: ["auc": 0.93])
        let other = try t.register("churn")
        #expect(v1.version == 1 && v2.version == 2 && other.version == 1)
        #expect(v1.artifactSHA256 == (try FileDigestForTests.sha256(t.model)))
        #expect(v1.stage == .none && v1.createdBy == "tester")
        #expect(try t.registry.latestVersion(of: "fraud").version == 2)
        #expect(try t.registry.versions(of: "fraud").map(\.version) == [1, 2])
        #expect(try t.registry.versions().count == 3)
        #expect(try t.registry.models().map(\.name) == ["churn", "fraud"])
        let path = try t.registry.artifactPath("fraud", .number(1))
        #expect(path.hasSuffix("/artifacts/sha256/" + v1.artifactSHA256.prefix(2) + "/" + v1.artifactSHA256.dropFirst(2)))
        #expect(try t.registry.loadArtifact("fraud", .number(2)) == Array(try Data(contentsOf: URL(fileURLWithPath: t.model))))
    }

    @Test func numbersAreNeverReusedAfterDelete() throws {
        let t = try TestRegistry()
        try t.register()
        try t.register()
        try t.registry.deleteVersion(model: "fraud", version: 2, reason: "bad upload")
        #expect(try t.register().version == 3)
        #expect(throws: RegistryError.self) { try t.registry.version("fraud", .number(2)) }
        #expect(try t.registry.auditLog(limit: 10).contains { $0.action == "delete" && $0.reason == "bad upload" })
    }

    @Test func badInputIsTypedAndWritesNothing() throws {
        let t = try TestRegistry()
        try t.register()
        func code(_ body: () throws -> Void) -> RegistryError.Code? {
            do { try body() } catch let e as RegistryError { return e.code } catch { return nil }
            return nil
        }
        #expect(code { _ = try t.registry.version("nope", .latest) } == .notFound)
        #expect(code { try t.registry.setAlias("champion", model: "nope", version: 1) } == .notFound)
        #expect(code { try t.registry.setAlias("challenger", model: "fraud", version: 9) } == .notFound)
        #expect(code { try t.register(artifact: t.dir.file("missing.bin")) } == .invalidInput)
        #expect(code { try t.register(metrics: ["auc": .nan]) } == .invalidInput)
        #expect(code { try t.register(runID: 42) } == .notFound)
        #expect(code { try t.register("") } == .invalidInput)
        #expect(code { try t.registry.setAlias("7", model: "fraud", version: 1) } == .invalidInput)
        #expect(code { _ = try ModelRegistry(path: t.dir.file("absent.sqlite")) } == .notFound)
        let garbage = t.dir.write("garbage.sqlite", String(repeating: "not a database ", count: 100))
        #expect(code { _ = try ModelRegistry(path: garbage) } == .database)
        #expect(try t.registry.versions(of: "fraud").count == 1)
        #expect(try t.registry.aliasHistory(model: "fraud").isEmpty)
        #expect(try t.registry.verifyAuditLog().intact)
    }

    @Test func gatedChampionNeedsPassingEvidenceOrAnAuditedOverride() throws {
        let t = try TestRegistry()
        let failing = Evidence(items: [
            "gates": .init(passed: true), "export_validation": .init(passed: false), "calibration": .init(passed: true),
        ])
        try t.register(evidence: TestRegistry.passing)
        try t.register(evidence: failing)
        try t.register()
        try t.registry.setAlias("champion", model: "fraud", version: 1, actor: "alice")
        #expect(throws: RegistryError.self) { try t.registry.setAlias("champion", model: "fraud", version: 2) }
        do {
            try t.registry.setAlias("champion", model: "fraud", version: 3)
            Issue.record("expected a gate failure")
        } catch let e as RegistryError {
            #expect(e.code == .gateFailed)
            #expect(e.message.contains("no 'calibration' evidence recorded"))
        }
        // Nothing moved.
        #expect(try t.registry.version("fraud", .alias("champion")).version == 1)
        // Ungated aliases move freely.
        try t.registry.setAlias("challenger", model: "fraud", version: 2)
        // Forced: recorded with its reason in history and audit log.
        let move = try t.registry.setAlias(
            "champion", model: "fraud", version: 2, actor: "bob", override: GateOverride(reason: "incident 42"))
        #expect(move.forced && move.reason == "incident 42" && move.fromVersion == 1)
        let audit = try #require(try t.registry.auditLog(model: "fraud", limit: 1).first)
        #expect(audit.action == "alias" && audit.forced && audit.reason == "incident 42" && audit.actor == "bob")
        #expect(throws: RegistryError.self) {
            try t.registry.setAlias("champion", model: "fraud", version: 3, override: GateOverride(reason: "  "))
        }
        // Evidence added later opens the gate.
        try t.registry.addEvidence(TestRegistry.passing, model: "fraud", version: 3)
        try t.registry.setAlias("champion", model: "fraud", version: 3)
        #expect(try t.registry.version("fraud", .alias("champion")).aliases == ["champion"])
    }

    @Test func customPolicyRequiresOnlyItsKinds() throws {
        let t = try TestRegistry(policy: GatePolicy(requiredEvidence: ["gates"], gatedAliases: ["champion", "prod"]))
        try t.register(evidence: Evidence(items: ["gates": .init(passed: true)]))
        try t.register(evidence: Evidence(items: ["gates": .init(passed: true), "calibration": .init(passed: false)]))
        try t.registry.setAlias("champion", model: "fraud", version: 1)
        #expect(throws: RegistryError.self) { try t.registry.setAlias("prod", model: "fraud", version: 2) }
        #expect(try t.registry.gatePolicy().gatedAliases == ["champion", "prod"])
    }

    @Test func productionPromotionIsGatedAndStagesKeepHistory() throws {
        let t = try TestRegistry()
        try t.register(evidence: TestRegistry.passing)
        try t.register()
        try t.registry.transition(model: "fraud", version: 1, to: .staging, reason: "canary")
        try t.registry.transition(model: "fraud", version: 1, to: .production)
        #expect(throws: RegistryError.self) { try t.registry.transition(model: "fraud", version: 2, to: .production) }
        let forced = try t.registry.transition(
            model: "fraud", version: 2, to: .production, override: GateOverride(reason: "hotfix"))
        #expect(forced.forced)
        let history = try t.registry.stageHistory(model: "fraud")
        #expect(history.map(\.toStage) == [.staging, .production, .production])
        #expect(history.first?.reason == "canary")
        #expect(try t.registry.stageHistory(model: "fraud", version: 2).count == 1)
        // Archive refuses an alias holder, then works once the alias moved.
        try t.registry.setAlias("challenger", model: "fraud", version: 2)
        #expect(throws: RegistryError.self) { try t.registry.archive(model: "fraud", version: 2) }
        try t.registry.removeAlias("challenger", model: "fraud")
        try t.registry.archive(model: "fraud", version: 2, reason: "retired")
        #expect(try t.registry.version("fraud", .number(2)).stage == .archived)
        #expect(throws: RegistryError.self) { try t.registry.setAlias("challenger", model: "fraud", version: 2) }
        let actions = try t.registry.auditLog(model: "fraud", limit: 20).map(\.action)
        #expect(actions.contains("archive") && actions.contains("promote"))
    }

    @Test func aliasAsOfAnswersWhichVersionHeldItThen() throws {
        let t = try TestRegistry()
        for _ in 0..<3 { try t.register(evidence: TestRegistry.passing) }
        t.clock.set("2026-02-01T12:00:00Z")
        try t.registry.setAlias("champion", model: "fraud", version: 1, reason: "first")
        t.clock.set("2026-03-01T08:00:00Z")
        try t.registry.setAlias("champion", model: "fraud", version: 2, reason: "better auc")
        t.clock.set("2026-03-15T00:00:00Z")
        try t.registry.setAlias("champion", model: "fraud", version: 3)
        func holder(_ text: String, _ meaning: RegistryTimestamp.DateOnlyMeaning = .startOfDay) throws -> Int? {
            try t.registry.aliasHolder(
                "champion", model: "fraud", asOf: try #require(RegistryTimestamp(iso8601: text, dateOnly: meaning)))
        }
        #expect(try holder("2026-01-15") == nil)
        #expect(try holder("2026-02-01T12:00:00Z") == 1)
        #expect(try holder("2026-03-01") == 1)
        #expect(try holder("2026-03-01", .endOfDay) == 2)
        #expect(try holder("2026-03-10T00:00:00+05:00") == 2)
        #expect(try holder("2027-01-01") == 3)
        let upToMarch = try t.registry.aliasHistory(
            model: "fraud", alias: "champion", asOf: RegistryTimestamp(iso8601: "2026-03-02"))
        #expect(upToMarch.map(\.toVersion) == [1, 2])
        #expect(upToMarch.map(\.fromVersion) == [nil, 1])
        #expect(upToMarch.last?.reason == "better auc")
        #expect(upToMarch.last?.actor == "tester")
        try t.registry.removeAlias("champion", model: "fraud", reason: "pause")
        #expect(try holder("2030-01-01") == nil)
    }

    @Test func rollbackWalksBackThroughPreviousHolders() throws {
        let t = try TestRegistry()
        for _ in 0..<4 { try t.register(evidence: TestRegistry.passing) }
        #expect(throws: RegistryError.self) { try t.registry.rollback(model: "fraud") }
        for v in 1...3 { try t.registry.setAlias("champion", model: "fraud", version: v) }
        #expect(throws: RegistryError.self) { try t.registry.rollback("challenger", model: "fraud") }
        let back = try t.registry.rollback(model: "fraud", reason: "latency regression")
        #expect(back.fromVersion == 3 && back.toVersion == 2 && back.kind == "rollback")
        #expect(try t.registry.rollback(model: "fraud").toVersion == 1)
        #expect(throws: RegistryError.self) { try t.registry.rollback(model: "fraud") }
        try t.registry.setAlias("champion", model: "fraud", version: 4)
        #expect(try t.registry.rollback(model: "fraud").toVersion == 1)
        let audit = try t.registry.auditLog(model: "fraud", limit: 50).filter { $0.action == "rollback" }
        #expect(audit.count == 3)
        #expect(audit.last?.reason == "latency regression")
    }

    @Test func compareListsEveryMetricWithDeltas() throws {
        let t = try TestRegistry()
        try t.register(metrics: ["auc": 0.90, "f1": 0.70])
        try t.register(metrics: ["auc": 0.93, "brier": 0.1])
        try t.registry.setAlias("challenger", model: "fraud", version: 2)
        let c = try t.registry.compare("fraud", .number(1), .alias("challenger"))
        #expect(c.a == 1 && c.b == 2)
        #expect(c.metrics.map(\.metric) == ["auc", "brier", "f1"])
        #expect(abs((c.metrics[0].delta ?? 0) - 0.03) < 1e-12)
        #expect(c.metrics[1].a == nil && c.metrics[1].delta == nil)
    }

    @Test func runsExperimentsAndLineageFromDataToPredictions() throws {
        let t = try TestRegistry()
        let data = String(repeating: "a", count: 64)
        let run = try t.registry.logRun(
            RunRequest(
                experiment: "fraud-tuning", name: "lr=0.1", params: ["lr": "0.1"],
                metrics: [MetricPoint(key: "loss", value: 0.7, step: 1), MetricPoint(key: "loss", value: 0.5, step: 2)],
                tags: ["team": "risk"], datasets: [TrainingDataset(name: "train.csv", sha256: data, rows: 1000)]))
        _ = try t.registry.logRun(RunRequest(experiment: "fraud-tuning", status: .running))
        #expect(try t.registry.runCount(experiment: "fraud-tuning") == 2)
        #expect(throws: RegistryError.self) { try t.registry.runCount(experiment: "nope") }
        #expect(run.latestMetrics["loss"] == 0.5 && run.params["lr"] == "0.1" && run.tags["team"] == "risk")
        try t.registry.logMetrics([MetricPoint(key: "loss", value: 0.4, step: 3)], runID: run.id)
        #expect(try t.registry.run(id: run.id).metrics.count == 3)
        let finished = try t.registry.finishRun(id: 2, status: .failed)
        #expect(finished.status == .failed && finished.endedAt != nil)
        #expect(try t.registry.experiments().first?.runCount == 2)

        let v = try t.register(runID: run.id)
        let deployment = try t.registry.recordDeployment(
            model: "fraud", version: v.version, environment: "production", endpoint: "http://scorer", trafficShare: 0.9)
        try t.registry.updateDeployment(id: deployment.id, trafficShare: 1)
        #expect(throws: RegistryError.self) { try t.registry.updateDeployment(id: deployment.id, trafficShare: 2) }
        try t.registry.logPredictions([
            PredictionRecord(requestID: "r1", name: "fraud", version: 1, output: .number(0.8), route: "champion"),
            PredictionRecord(requestID: "r2", name: "fraud", version: 1, output: .number(0.1), inputsHash: data),
        ])
        // A repeated request id (clients choose them) is logged too, in the same transaction.
        try t.registry.logPredictions([PredictionRecord(requestID: "r1", name: "fraud", version: 1, output: .null)])
        try t.registry.recordFeedback(requestID: "r1", outcome: .number(1))
        #expect(throws: RegistryError.self) { try t.registry.recordFeedback(requestID: "r9", outcome: .number(0)) }
        let predictions = try t.registry.predictions(model: "fraud", version: 1)
        #expect(predictions.count == 3)
        #expect(predictions.filter { $0.requestID == "r1" }.map(\.outcome) == [.number(1), .number(1)])

        let lineage = try t.registry.lineage("fraud", .number(1))
        #expect(lineage.datasets.map(\.sha256) == [data])
        #expect(lineage.run?.id == run.id)
        #expect(lineage.deployments.first?.trafficShare == 1)
        #expect(lineage.predictionCount == 3 && lineage.feedbackCount == 1)
        #expect(try t.registry.versions(trainedOnDatasetSHA256: data).map(\.version) == [1])
        // A version with deployments cannot be deleted.
        #expect(throws: RegistryError.self) { try t.registry.deleteVersion(model: "fraud", version: 1) }
    }

    @Test func signedArtifactsVerifyAndBadSignaturesAreRefused() throws {
        let t = try TestRegistry()
        let key = ArtifactSigningKey.generate()
        let other = ArtifactSigningKey.generate()
        let keyFile = t.dir.file("k")
        try key.write(to: keyFile)
        try key.verificationKey.write(to: keyFile + ".pub")
        let reread = try ArtifactSigningKey(contentsOf: keyFile)
        #expect(reread.verificationKey == (try ArtifactVerificationKey(contentsOf: keyFile + ".pub")))
        let signed = try t.register(key: reread)
        try t.register()
        #expect(signed.signingKeyID == key.verificationKey.keyID)
        _ = try t.registry.loadArtifact("fraud", .number(1), trustedKeys: [key.verificationKey])
        func code(_ body: () throws -> Void) -> RegistryError.Code? {
            do { try body() } catch let e as RegistryError { return e.code } catch { return nil }
            return nil
        }
        // Wrong key, unsigned version with a key required, a public key given as a private one.
        #expect(code { _ = try t.registry.loadArtifact("fraud", .number(1), trustedKeys: [other.verificationKey]) }
            == .signatureInvalid)
        #expect(code { _ = try t.registry.loadArtifact("fraud", .number(2), trustedKeys: [key.verificationKey]) }
            == .signatureInvalid)
        #expect(code { _ = try ArtifactSigningKey(contentsOf: keyFile + ".pub") } == .signatureInvalid)
        // A forged signature in the database is refused on load.
        try TamperTool.execute(
            t.registry.path, "UPDATE model_versions SET artifact_signature = ? WHERE version = 1",
            [Data(repeating: 7, count: 64).base64EncodedString()])
        #expect(code { _ = try t.registry.loadArtifact("fraud", .number(1)) } == .signatureInvalid)
    }

    @Test func corruptArtifactsAndRowsGiveTypedErrors() throws {
        let t = try TestRegistry()
        try t.register()
        let path = try t.registry.artifactPath("fraud", .number(1))
        try Data("changed".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: RegistryError.self) { _ = try t.registry.loadArtifact("fraud", .number(1)) }
        do {
            _ = try t.registry.verifyArtifact("fraud", .number(1))
        } catch let e as RegistryError {
            #expect(e.code == .artifactCorrupt)
        }
        #expect(try t.registry.checkConsistency().corruptArtifacts == ["fraud@1"])
        try FileManager.default.removeItem(atPath: path)
        #expect(try t.registry.checkConsistency().missingArtifacts == ["fraud@1"])
        // Registering the same bytes again repairs the store.
        try t.register()
        #expect(try t.registry.checkConsistency().isConsistent)

        try TamperTool.execute(t.registry.path, "UPDATE model_versions SET metrics = 'not json' WHERE version = 1", [])
        do {
            _ = try t.registry.version("fraud", .number(1))
            Issue.record("expected a corrupt record error")
        } catch let e as RegistryError {
            #expect(e.code == .corruptRecord && e.context["column"] == "metrics")
        }
        try TamperTool.execute(t.registry.path, "UPDATE model_versions SET version = 'x' WHERE version = 2", [])
        #expect(throws: RegistryError.self) { _ = try t.registry.versions(of: "fraud") }
        // Counters at their limits are refused, not overflowed.
        try TamperTool.execute(t.registry.path, "UPDATE registered_models SET last_version = 9223372036854775807", [])
        #expect(throws: RegistryError.self) { try t.register() }
        try TamperTool.execute(t.registry.path, "UPDATE audit_chain_head SET row_count = 9223372036854775807", [])
        #expect(throws: RegistryError.self) { try t.registry.setAlias("x", model: "fraud", version: 1) }
        try TamperTool.execute(t.registry.path, "UPDATE audit_log SET seq = 9223372036854775807 WHERE seq = 2", [])
        #expect(try !t.registry.verifyAuditLog().intact)
    }

    @Test func asyncFormsMatchTheSyncOnes() async throws {
        let t = try TestRegistry()
        let v = try await t.registry.register(
            Registration(name: "fraud", artifactPath: t.model, evidence: TestRegistry.passing))
        try await t.registry.setAlias("champion", model: "fraud", version: v.version)
        let champion = try await t.registry.version("fraud", .alias("champion"))
        #expect(champion.version == 1)
        let history = try await t.registry.aliasHistory(model: "fraud", alias: "champion")
        #expect(history.count == 1)
        let verification = try await t.registry.verifyAuditLog()
        #expect(verification.intact)
        let bytes = try await t.registry.loadArtifact("fraud", .latest)
        #expect(!bytes.isEmpty)
    }
}

enum FileDigestForTests {
    static func sha256(_ path: String) throws -> String {
        let result = try runProcess("/usr/bin/sha256sum", [path])
        return String(result.stdout.prefix(64))
    }
}

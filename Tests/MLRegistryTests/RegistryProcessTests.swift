import MLTesting
import Foundation
import MLRegistry
import Testing

/// Real processes against one registry file: concurrent registrations and SIGKILL mid-registration.
@Suite(.serialized) struct RegistryProcessTests {
    @Test func eightProcessesRegisteringTwentyFiveEachGetTwoHundredDistinctVersions() throws {
        let mlctl = try #require(BuiltProducts.path("mlctl"), "mlctl is built by `swift test` next to the tests")
        let dir = ScratchDirectory()
        let db = dir.file("reg.sqlite")
        let model = dir.write("model.json", #"{"model": "concurrent"}"#)
        #expect(try runProcess(mlctl, ["registry", "init", "--db", db]).status == 0)
        var processes: [Process] = []
        for i in 0..<8 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            let one = "'\(mlctl)' registry register --db '\(db)' --name fraud --model '\(model)' >/dev/null 2>>'\(dir.file("err\(i)"))'"
            p.arguments = ["-c", "for i in $(seq 25); do \(one) || echo fail >> '\(dir.file("fail\(i)"))'; done"]
            try p.run()
            processes.append(p)
        }
        for p in processes { p.waitUntilExit() }
        for i in 0..<8 {
            let errors = (try? String(contentsOfFile: dir.file("err\(i)"), encoding: .utf8)) ?? ""
            #expect(errors.isEmpty, "process \(i) stderr: \(errors.prefix(300))")
            #expect(!FileManager.default.fileExists(atPath: dir.file("fail\(i)")))
        }
        let registry = try ModelRegistry(path: db)
        let numbers = try registry.versions(of: "fraud").map(\.version)
        #expect(numbers.count == 200)
        #expect(Set(numbers).count == 200)
        #expect(numbers == Array(1...200))
        let report = try registry.checkConsistency()
        #expect(report.isConsistent)
        #expect(report.audit.rowCount == 201)
        #expect(try runProcess(mlctl, ["registry", "audit", "verify", "--db", db]).status == 0)
    }

    @Test func sigkillMidRegistrationLeavesAConsistentRegistry() throws {
        let mlctl = try #require(BuiltProducts.path("mlctl"), "mlctl is built by `swift test` next to the tests")
        let dir = ScratchDirectory()
        let db = dir.file("reg.sqlite")
        #expect(try runProcess(mlctl, ["registry", "init", "--db", db]).status == 0)
        var rng = SystemRandomNumberGenerator()
        var killed = 0
        var completed = 0
        let rounds = 20
        // How long one registration of a 4 MiB artifact takes, so kill times spread over all its phases
        // (start-up, copy + hash, fsync + rename, the transaction).
        let probe = dir.file("probe.bin")
        try Data(repeating: 0xA5, count: 4 << 20).write(to: URL(fileURLWithPath: probe))
        let start = Date()
        #expect(try runProcess(mlctl, ["registry", "register", "--db", db, "--name", "fraud", "--model", probe]).status == 0)
        completed += 1
        let fullMicroseconds = UInt32(max(20_000, min(2_000_000, Date().timeIntervalSince(start) * 1e6)))
        for round in 0..<rounds {
            // A distinct 4 MiB artifact each round, so every registration really copies, hashes and fsyncs.
            var bytes = [UInt8](repeating: UInt8(round), count: 4 << 20)
            for i in stride(from: 0, to: bytes.count, by: 4096) { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
            let model = dir.file("model\(round).bin")
            try Data(bytes).write(to: URL(fileURLWithPath: model))
            let p = Process()
            p.executableURL = URL(fileURLWithPath: mlctl)
            p.arguments = ["registry", "register", "--db", db, "--name", "fraud", "--model", model]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 0...fullMicroseconds, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal { killed += 1 } else { completed += 1 }
        }
        let registry = try ModelRegistry(path: db)
        let report = try registry.checkConsistency(verifyHashes: true)
        print(
            "SIGKILL test: one registration takes \(fullMicroseconds / 1000) ms; \(killed) of \(rounds) killed, "
                + "\(completed) completed (with the probe); \(report.versionCount) versions; "
                + "\(report.unreferencedArtifacts.count) artifacts stored by killed processes before their commit")
        #expect(report.missingArtifacts.isEmpty)
        #expect(report.corruptArtifacts.isEmpty)
        #expect(report.badNumbering.isEmpty)
        #expect(report.audit.intact)
        #expect(report.sqliteProblems.isEmpty)
        let versions = try registry.versions(of: nil)
        let registrations = try registry.auditLog(limit: 1000).filter { $0.action == "register" }
        #expect(versions.count == registrations.count)
        #expect(versions.count >= completed)
        // The registry still works: a new registration gets the next number and verifies.
        let model = dir.write("final.json", "{}")
        let after = try runProcess(mlctl, ["registry", "register", "--db", db, "--name", "fraud", "--model", model])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(Int(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == (versions.map(\.version).max() ?? 0) + 1)
        #expect(try runProcess(mlctl, ["registry", "audit", "verify", "--db", db]).status == 0)
        for v in try registry.versions(of: "fraud") { _ = try registry.verifyArtifact("fraud", .number(v.version)) }
    }
}

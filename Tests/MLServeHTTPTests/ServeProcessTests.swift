import Foundation
import MLRegistry
import MLTesting
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `mlctl serve` as a real process on 127.0.0.1: SIGTERM drains and flushes the prediction log.
@Suite(.serialized) struct ServeProcessTests {
    @Test func sigtermDrainsExitsZeroAndLosesNoLoggedPrediction() async throws {
        let mlctl = try #require(BuiltProducts.path("mlctl"), "mlctl is built by `swift test` next to the tests")
        let dir = NSTemporaryDirectory() + "/mlserve-process-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/reg.sqlite"
        do {
            let registry = try await ModelRegistry.create(
                at: db, options: .init(durability: .normal, gatePolicy: GatePolicy(requiredEvidence: [], gatedAliases: [])))
            let v = try await registry.register(Registration(name: "fraud", artifactPath: Fixtures.xgbBinary))
            try await registry.setAlias("champion", model: "fraud", version: v.version)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: mlctl)
        process.arguments = ["serve", "--registry", db, "--name", "fraud", "--host", "127.0.0.1", "--port", "0"]
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The server prints "listening on http://127.0.0.1:PORT" once it accepts connections.
        var port: Int?
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        while port == nil, Date() < deadline {
            let chunk = errPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            let text = String(decoding: seen, as: UTF8.self)
            if let range = text.range(of: "127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix { $0.isNumber })
            }
        }
        let serverPort = try #require(port, "no listening line: \(String(decoding: seen, as: UTF8.self))")

        let counters = Counters()
        let pid = process.processIdentifier
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var n = 0
                    let session = URLSession(configuration: .ephemeral)
                    while !counters.stop.load(ordering: .relaxed) {
                        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(serverPort)/v1/score")!)
                        request.httpMethod = "POST"
                        request.httpBody = Data(#"{"features":[1,2,3,4,5,6,7,8],"request_id":"w\#(worker)-\#(n)"}"#.utf8)
                        n += 1
                        guard let (_, response) = try? await session.data(for: request) else { continue }
                        if (response as? HTTPURLResponse)?.statusCode == 200 { counters.ok.add(1, ordering: .relaxed) }
                    }
                }
            }
            // SIGTERM only once requests are flowing: on a loaded machine the first answers can
            // take seconds (a fixed delay made this test flaky with 0 answered).
            let flowing = Date().addingTimeInterval(60)
            while counters.ok.load(ordering: .relaxed) < 50, Date() < flowing {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(200))
            kill(pid, SIGTERM)
            try await Task.sleep(for: .milliseconds(400))
            counters.stop.store(true, ordering: .relaxed)
            try await group.waitForAll()
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let answered = counters.ok.load(ordering: .relaxed)
        #expect(answered > 0)
        let registry = try ModelRegistry(path: db)
        let logged = try await registry.predictions(model: "fraud", version: 1, limit: 1_000_000)
        #expect(logged.count == answered, "answered \(answered), logged \(logged.count)")
    }
}

final class Counters: Sendable {
    let ok = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
}

/// `mlctl loadtest` against `mlctl serve`, and the EmbedScorer example, as real processes.
@Suite(.serialized) struct LoadTestProcessTests {
    @Test func loadtestReportsAndGatesAgainstABaseline() throws {
        let mlctl = try #require(BuiltProducts.path("mlctl"))
        let dir = NSTemporaryDirectory() + "/mlserve-loadtest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bodies = dir + "/bodies.txt"
        try (0..<20).map { i in #"{"features":[\#(i),1,2,3,4,null,6,7]}"# }.joined(separator: "\n")
            .write(toFile: bodies, atomically: true, encoding: .utf8)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: mlctl)
        server.arguments = ["serve", "--model", Fixtures.xgbBinary, "--port", "0"]
        let errPipe = Pipe()
        server.standardError = errPipe
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer {
            if server.isRunning {
                kill(server.processIdentifier, SIGTERM)
                server.waitUntilExit()
            }
        }
        var seen = Data()
        var port: Int?
        while port == nil {
            let chunk = errPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            let text = String(decoding: seen, as: UTF8.self)
            if let r = text.range(of: "127.0.0.1:") { port = Int(text[r.upperBound...].prefix { $0.isNumber }) }
        }
        let url = "http://127.0.0.1:\(try #require(port))/v1/score"

        let first = try runProcess(
            mlctl, ["loadtest", "--url", url, "--body-file", bodies, "--connections", "2", "--duration", "1",
                    "--max-error-rate", "0", "--report", dir + "/base.json"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/base.json"))) as? [String: Any]
        #expect((report?["requests"] as? Int ?? 0) > 0)
        #expect(report?["errors"] as? Int == 0)
        #expect(report?["passed"] as? Bool == true)

        // An impossible p99 limit fails the check: exit 1.
        let strict = try runProcess(
            mlctl, ["loadtest", "--url", url, "--body-file", bodies, "--connections", "2", "--duration", "0.5",
                    "--p99-max-ms", "0.000001"])
        #expect(strict.status == 1)
        // A baseline with a tiny p95 makes any run a regression: exit 1.
        try #"{"p95_ms": 0.000001}"#.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
        let regressed = try runProcess(
            mlctl, ["loadtest", "--url", url, "--body-file", bodies, "--duration", "0.5", "--baseline", dir + "/tiny.json"])
        #expect(regressed.status == 1)
        // Not loopback: refused, exit 2, no traffic sent.
        #expect(try runProcess(mlctl, ["loadtest", "--url", "http://192.0.2.1/", "--duration", "1"]).status == 2)
    }

    @Test func embedScorerExampleRuns() throws {
        let example = try #require(BuiltProducts.path("EmbedScorer"))
        let result = try runProcess(example, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ready: true"))
        #expect(result.stdout.contains("the canary took"))
    }
}


import Foundation
import MLRegistry
import MLServe
import MLTesting
import Testing

@Suite struct ReloadAndLogTests {
    @Test func concurrentRequestsDuringTwentyReloadsNeverFail() async throws {
        let engine = try ScoringEngine(configuration: .singleFile(Fixtures.xgbBinary))
        try engine.start()
        let rows = try Fixtures.rows("xgb_binary_logistic")
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for _ in 0..<20 {
                    try engine.reload()
                    try await Task.sleep(for: .milliseconds(5))
                }
                return 0
            }
            for t in 0..<1000 {
                group.addTask {
                    do {
                        let r = try engine.score(rows[t % rows.count], id: "u\(t)")
                        return r.source == .model ? 0 : 1
                    } catch {
                        return 1
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(failures == 0)
        await engine.shutdown()
    }

    /// A row of the binary fixture's width (8 features).
    static let row = [Float](repeating: 1, count: 8)

    /// A started engine over the binary fixture whose prediction log, set up as `log` says, writes to `sink`.
    static func loggingEngine(_ sink: MemoryPredictionSink, _ log: PredictionLogConfiguration) throws -> ScoringEngine {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.predictionLog = log
        let engine = try ScoringEngine(configuration: configuration, predictionSink: sink)
        try engine.start()
        return engine
    }

    @Test func shutdownFlushesEveryLoggedPrediction() async throws {
        let sink = MemoryPredictionSink(delayMicroseconds: 2000)
        let engine = try Self.loggingEngine(
            sink, .init(capacity: 100_000, batchSize: 50, flushIntervalMilliseconds: 1000))
        for i in 0..<2000 { _ = try engine.score(Self.row, requestID: "r\(i)") }
        await engine.shutdown()
        #expect(sink.count == 2000)
        #expect(engine.predictionLogStatistics?.dropped == 0)
        #expect(engine.predictionLogStatistics?.pending == 0)
    }

    @Test func aFullQueueDropsAndCountsWithoutBlocking() async throws {
        let sink = MemoryPredictionSink(delayMicroseconds: 50_000)
        let engine = try Self.loggingEngine(sink, .init(capacity: 10, batchSize: 5, flushIntervalMilliseconds: 1))
        let started = ContinuousClock.now
        for _ in 0..<500 { _ = try engine.score(Self.row) }
        // 500 rows against a sink taking 50 ms a batch: scoring did not wait for it.
        #expect(ContinuousClock.now - started < .seconds(2))
        await engine.shutdown()
        let stats = try #require(engine.predictionLogStatistics)
        #expect(stats.dropped > 0)
        #expect(stats.enqueued + stats.dropped == 500)
        #expect(stats.written == stats.enqueued)
    }

    @Test func registryAliasLoadingLoggingAndFeedback() async throws {
        let dir = ScratchDirectory()
        let registry = try await ModelRegistry.create(
            at: dir.file("reg.sqlite"),
            options: .init(durability: .normal, gatePolicy: GatePolicy(requiredEvidence: [], gatedAliases: [])))
        let v1 = try await registry.register(Registration(name: "fraud", artifactPath: Fixtures.xgbBinary))
        try await registry.setAlias("champion", model: "fraud", version: v1.version)
        var configuration = ServeConfiguration(name: "fraud", variants: ["champion": VariantConfiguration(alias: "champion")])
        configuration.predictionLog.flushIntervalMilliseconds = 10
        let engine = try ScoringEngine(configuration: configuration, registry: registry)
        try engine.start()
        #expect(engine.models().first?.version == "1")
        #expect(engine.models().first?.source == "registry:fraud@champion")
        let row = [Float](repeating: 0.3, count: 8)
        let r = try engine.score(row, requestID: "req-1")
        #expect(r.version == "1")
        try engine.recordFeedback(requestID: "req-1", outcome: 1, label: "fraud")
        // Queued: an unknown request id is refused by the sink later, and counted.
        try engine.recordFeedback(requestID: "nope", outcome: 0, label: nil)

        // Point the alias at a new version and reload: new requests use it.
        let v2 = try await registry.register(Registration(name: "fraud", artifactPath: Fixtures.xgbBinary))
        try await registry.setAlias("champion", model: "fraud", version: v2.version)
        try engine.reload()
        #expect(try engine.score(row, requestID: "req-2").version == "2")
        for i in 3...50 { _ = try engine.score(row, requestID: "req-\(i)") }
        await engine.shutdown()
        let logged = try await registry.predictions(model: "fraud", version: 1, limit: 100)
        #expect(logged.count == 1)
        #expect(logged.first?.outcome == .object(["outcome": .number(1), "label": .string("fraud")]))
        #expect(engine.predictionLogStatistics?.feedbackWritten == 1)
        #expect(engine.predictionLogStatistics?.feedbackFailed == 1)
        #expect(try await registry.predictions(model: "fraud", version: 2, limit: 100).count == 49)
    }
}

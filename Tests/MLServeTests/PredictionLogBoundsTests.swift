import Foundation
import MLRegistry
import MLServe
import MLTesting
import Synchronization
import Testing

/// A sink that passes writes on and remembers the size of every call.
final class CallCountingSink: PredictionSink {
    let inner: any PredictionSink
    let writeSizes = Mutex<[Int]>([])

    init(_ inner: any PredictionSink) { self.inner = inner }

    func write(_ records: [LoggedPrediction], keepInputs: Bool) throws {
        writeSizes.withLock { $0.append(records.count) }
        try inner.write(records, keepInputs: keepInputs)
    }

    func recordFeedback(requestID: String, outcome: Double?, label: String?) throws {
        try inner.recordFeedback(requestID: requestID, outcome: outcome, label: label)
    }
}

@Suite struct PredictionLogBoundsTests {
    /// A configuration whose log never flushes on its own (flushes only at shutdown), so what
    /// the queue holds depends on its bounds alone.
    func quietLog(capacity: Int = 100_000, maxBytes: Int = 64 << 20) -> ServeConfiguration {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.predictionLog = PredictionLogConfiguration(
            capacity: capacity, batchSize: 1000, flushIntervalMilliseconds: 3_600_000)
        configuration.predictionLog.maxBytes = maxBytes
        return configuration
    }

    @Test func theQueueIsBoundedInBytesAndCountsTheDrops() async throws {
        let sink = MemoryPredictionSink()
        let engine = try ScoringEngine(configuration: quietLog(maxBytes: 8 << 10), predictionSink: sink)
        try engine.start()
        let row = [Float](repeating: 1, count: 8)
        for i in 0..<200 { _ = try engine.score(row, requestID: "r\(i)") }
        let stats = try #require(engine.predictionLogStatistics)
        #expect(stats.enqueued + stats.dropped == 200)
        #expect(stats.dropped > 0)  // far below the 100,000-record capacity: the bytes bound it
        #expect(stats.enqueued >= 20)  // 8 KiB hold a few dozen single-row records
        #expect(stats.pending == stats.enqueued)
        #expect(stats.pendingBytes > 0 && stats.pendingBytes <= 8 << 10)
        await engine.shutdown()
        let after = try #require(engine.predictionLogStatistics)
        #expect(sink.count == stats.enqueued)
        #expect(after.written == stats.enqueued && after.pending == 0 && after.pendingBytes == 0)
        // The first records were kept, the later ones dropped.
        #expect(sink.records.withLock { $0.map(\.requestID) } == (0..<stats.enqueued).map { "r\($0)" })
    }

    @Test func feedbackSharesTheBoundAndAFullQueueRefusesIt() async throws {
        let engine = try ScoringEngine(configuration: quietLog(capacity: 3), predictionSink: MemoryPredictionSink())
        try engine.start()
        for i in 0..<3 { _ = try engine.score([Float](repeating: 1, count: 8), requestID: "r\(i)") }
        let refused = #expect(throws: ServeError.self) { try engine.recordFeedback(requestID: "r0", outcome: 1, label: nil) }
        #expect(refused?.code == .notReady)
        #expect(engine.predictionLogStatistics?.feedbackDropped == 1)
        #expect(engine.predictionLogStatistics?.feedbackEnqueued == 0)
        await engine.shutdown()
    }

    @Test func feedbackLimitsAreCheckedBeforeQueueing() async throws {
        let engine = try ScoringEngine(configuration: quietLog(), predictionSink: MemoryPredictionSink())
        try engine.start()
        let cases: [(String, Double?, String?, ServeError.Code)] = [
            ("r 1", 1, nil, .invalidRequest),
            (String(repeating: "r", count: 129), 1, nil, .invalidRequest),
            ("r1", nil, String(repeating: "x", count: 257), .invalidRequest),
            ("r1", .infinity, nil, .invalidRequest),
            ("r1", nil, nil, .invalidInput),
        ]
        for (id, outcome, label, expected) in cases {
            let error = #expect(throws: ServeError.self) { try engine.recordFeedback(requestID: id, outcome: outcome, label: label) }
            #expect(error?.code == expected)
        }
        try engine.recordFeedback(requestID: "r1", outcome: nil, label: String(repeating: "x", count: 256))
        try engine.recordFeedback(requestID: RequestID.make(), outcome: 0, label: nil)
        #expect(engine.predictionLogStatistics?.feedbackEnqueued == 2)
        await engine.shutdown()
    }

    func registry(_ dir: ScratchDirectory) throws -> ModelRegistry {
        let registry = try ModelRegistry.create(
            at: dir.file("reg.sqlite"),
            options: .init(durability: .normal, gatePolicy: GatePolicy(requiredEvidence: [], gatedAliases: [])))
        let v1 = try registry.register(Registration(name: "fraud", artifactPath: Fixtures.xgbBinary))
        try registry.setAlias("champion", model: "fraud", version: v1.version)
        return registry
    }

    func registryConfiguration() -> ServeConfiguration {
        var configuration = ServeConfiguration(name: "fraud", variants: ["champion": VariantConfiguration(alias: "champion")])
        configuration.predictionLog = PredictionLogConfiguration(batchSize: 1000, flushIntervalMilliseconds: 3_600_000)
        return configuration
    }

    @Test func repeatedClientRequestIDsAreAllLoggedInOneWrite() async throws {
        let dir = ScratchDirectory()
        let registry = try registry(dir)
        let sink = CallCountingSink(RegistryPredictionSink(registry: registry))
        let engine = try ScoringEngine(configuration: registryConfiguration(), registry: registry, predictionSink: sink)
        try engine.start()
        let row = [Float](repeating: 0.3, count: 8)
        for i in 0..<25 { _ = try engine.score(row, requestID: i < 20 ? "dup" : "other-\(i)") }
        await engine.shutdown()
        let logged = try await registry.predictions(model: "fraud", version: 1, limit: 100)
        #expect(logged.count == 25)
        #expect(logged.filter { $0.requestID == "dup" }.count == 20)
        #expect(sink.writeSizes.withLock { $0 } == [25])  // one batch, no record-by-record retry
        #expect(engine.predictionLogStatistics?.failed == 0)
        #expect(engine.predictionLogStatistics?.written == 25)
    }

    @Test func twoFeedbacksForOneRequestAreKeptAsHistory() async throws {
        let dir = ScratchDirectory()
        let registry = try registry(dir)
        let engine = try ScoringEngine(configuration: registryConfiguration(), registry: registry)
        try engine.start()
        _ = try engine.score([Float](repeating: 0.3, count: 8), requestID: "req-1")
        try engine.recordFeedback(requestID: "req-1", outcome: 0, label: "legit")
        try engine.recordFeedback(requestID: "req-1", outcome: 1, label: "fraud")
        // Nothing is written on the request path.
        #expect(try await registry.feedbackHistory(requestID: "req-1").isEmpty)
        await engine.shutdown()
        let history = try await registry.feedbackHistory(requestID: "req-1")
        #expect(
            history.map(\.outcome) == [
                .object(["outcome": .number(0), "label": .string("legit")]),
                .object(["outcome": .number(1), "label": .string("fraud")]),
            ])
        let joined = try await registry.predictions(model: "fraud", version: 1).first?.outcome
        #expect(joined == .object(["outcome": .number(1), "label": .string("fraud")]))
        #expect(engine.predictionLogStatistics?.feedbackWritten == 2)
    }
}

import Foundation
import MLServe
import Testing

@Suite struct ScoringEngineTests {
    func startedEngine(_ configuration: ServeConfiguration, sink: (any PredictionSink)? = nil) throws -> ScoringEngine {
        let engine = try ScoringEngine(configuration: configuration, predictionSink: sink)
        try engine.start()
        return engine
    }

    @Test func bodyLimitsOutsideOneByteToTwoGiBAreRefused() throws {
        // `max_body_bytes` is an HTTP limit: the configuration refuses it when read, the engine
        // does not look at it.
        for limit in [0, -1, 5_000_000_000, Int.max] {
            #expect(throws: ServeError.self, "max_body_bytes \(limit)") {
                try ServeConfiguration.parse(yaml: "limits: {max_body_bytes: \(limit)}")
            }
            #expect(!LimitsConfiguration.bodyBytesRange.contains(limit))
        }
        let largest = try ServeConfiguration.parse(yaml: "limits: {max_body_bytes: \(1 << 31)}")
        #expect(largest.limits.maxBodyBytes == 1 << 31)
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.limits.maxBodyBytes = 1 << 31
        #expect(throws: Never.self) { try ScoringEngine(configuration: configuration) }
    }

    @Test func singleRowScoresMatchXGBoost() async throws {
        let engine = try startedEngine(.singleFile(Fixtures.xgbBinary))
        let rows = try Fixtures.rows("xgb_binary_logistic")
        let expected = try Fixtures.expected("xgb_binary_logistic", column: "prob")
        var worst = 0.0
        for (row, p) in zip(rows, expected) {
            let result = try engine.score(row, id: nil)
            worst = max(worst, abs((result.score ?? .nan) - p))
            #expect(result.route == "champion")
            #expect(result.model == "model")
            #expect(result.version.hasPrefix("sha256:"))
            #expect(result.label == ((result.score ?? 0) >= 0.5 ? "1" : "0"))
            #expect(result.source == .model)
        }
        #expect(worst <= 1e-6)
        await engine.shutdown()
    }

    @Test func batchEqualsSingleRows() async throws {
        let engine = try startedEngine(.singleFile(Fixtures.xgbBinary))
        let rows = Array(try Fixtures.rows("xgb_binary_logistic").prefix(50))
        let batch = try engine.scoreBatch(rows.flatMap { $0 }, rowCount: rows.count)
        #expect(batch.results.count == rows.count)
        for (row, r) in zip(rows, batch.results) {
            #expect(try engine.score(row).score == r.score)
        }
        await engine.shutdown()
    }

    @Test func notReadyBeforeStartAndAfterShutdown() async throws {
        let engine = try ScoringEngine(configuration: .singleFile(Fixtures.xgbBinary))
        #expect(!engine.isReady)
        #expect(throws: ServeError.self) { try engine.score([Float](repeating: 0, count: 8)) }
        try engine.start()
        #expect(engine.isReady)
        #expect(engine.featureCount == 8)
        await engine.shutdown()
        #expect(!engine.isReady)
    }

    @Test func badRowsThrowTypedErrors() throws {
        let engine = try startedEngine(.singleFile(Fixtures.xgbBinary))
        do {
            _ = try engine.score([1, 2, 3])
            Issue.record("a 3-feature row was scored")
        } catch {
            #expect(error.code == .featureCountMismatch)
        }
        let fallback = try engine.score([1, 2, 3], fallbackOnInvalidInput: true)
        #expect(fallback.source == .fallback)
        #expect(fallback.fallbackReason == .invalidInput)
        #expect(fallback.label == "fallback")
        do {
            _ = try engine.scoreBatch([Float](repeating: 0, count: 8 * 1001), rowCount: 1001)
            Issue.record("a 1001-row batch was scored")
        } catch {
            #expect(error.code == .batchTooLarge)
        }
        do {
            _ = try engine.scoreBatch([Float](repeating: 0, count: 17), rowCount: 2)
            Issue.record("a ragged batch was scored")
        } catch {
            #expect(error.code == .featureCountMismatch)
        }
    }

    @Test func missingValuesAreScored() throws {
        let engine = try startedEngine(.singleFile(Fixtures.xgbBinary))
        let r = try engine.score([Float](repeating: .nan, count: 8))
        #expect(r.score.map { $0 > 0 && $0 < 1 } == true)
    }

    @Test func lowConfidenceFallsBackWithReasonAndRules() throws {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.postProcessing = PostProcessingConfiguration(labels: ["legit", "fraud"], minConfidence: 1.0)
        let engine = try startedEngine(configuration)
        let r = try engine.score([Float](repeating: 0, count: 8))
        #expect(r.source == .fallback)
        #expect(r.fallbackReason == .lowConfidence)
        #expect(r.label == "fallback")
        #expect(r.score != nil)

        let withRules = try ScoringEngine(
            configuration: configuration,
            fallbackRules: { features, reason in FallbackAnswer(score: 0, label: "rules:\(reason.rawValue)") })
        try withRules.start()
        let ruled = try withRules.score([Float](repeating: 0, count: 8))
        #expect(ruled.source == .rules)
        #expect(ruled.label == "rules:low_confidence")
    }

    @Test func yamlConfigurationParses() throws {
        let yaml = """
            name: fraud
            variants:
              champion: {path: a.json}
              challenger: {registry_name: fraud, alias: challenger}
            routing:
              policy: ab
              arms:
                - {variant: champion, percent: 90}
                - {variant: challenger, percent: 10}
              salt: exp-7
              shadow: [challenger]
              rollout: {steps: [10, 100], hold_seconds: 5}
            post_processing: {threshold: 0.7, labels: [no, yes], min_confidence: 0.55}
            limits: {max_batch_rows: 200}
            prediction_log: {capacity: 50, keep_inputs: true}
            micro_batching: {max_batch_size: 16, max_delay_ms: 1}
            """
        let c = try ServeConfiguration.parse(yaml: yaml)
        #expect(c.name == "fraud")
        #expect(c.variants["challenger"]?.alias == "challenger")
        #expect(c.routing.policy == .ab)
        #expect(c.routing.arms == [RoutingArm(variant: "champion", percent: 90), RoutingArm(variant: "challenger", percent: 10)])
        #expect(c.routing.rollout.steps == [10, 100])
        #expect(c.routing.rollout.maxErrorRate == 0.01)
        #expect(c.postProcessing.labels == ["no", "yes"])
        #expect(c.limits.maxBatchRows == 200)
        #expect(c.limits.maxBodyBytes == 8 << 20)
        #expect(c.predictionLog.keepInputs)
        #expect(c.microBatching?.budgetMilliseconds == 50)
        #expect(throws: ServeError.self) { try ServeConfiguration.parse(yaml: "routing: {policy: sideways}") }
    }

    @Test func invalidRoutingIsRejected() {
        let two = ["champion": VariantConfiguration(path: "a"), "challenger": VariantConfiguration(path: "b")]
        let bad: [RoutingConfiguration] = [
            RoutingConfiguration(policy: .canary, percent: 5),  // no candidate
            RoutingConfiguration(policy: .canary, candidate: "nope", percent: 5),
            RoutingConfiguration(policy: .split, arms: [RoutingArm(variant: "champion", percent: 60)]),
            RoutingConfiguration(policy: .rollout, candidate: "challenger", rollout: .init(steps: [50, 10])),
            RoutingConfiguration(shadow: ["ghost"]),
        ]
        for routing in bad {
            #expect(throws: ServeError.self) {
                _ = try ScoringEngine(configuration: ServeConfiguration(variants: two, routing: routing))
            }
        }
    }

    /// A ColumnTransformer export with a string input cannot take feature rows: refused at
    /// start with the input named, not on every request.
    @Test func stringInputGraphIsRefusedAtStart() throws {
        let path = Fixtures.locator.path("onnx-exporters/sk_coltrans_num_cat_2inputs.onnx")
        let engine = try ScoringEngine(configuration: .singleFile(path))
        let error = #expect(throws: ServeError.self) { try engine.start() }
        #expect(error?.code == .loadFailed)
        #expect(error?.message.contains("graph input 'cat' takes strings") == true, "\(error?.message ?? "")")
        #expect(engine.isReady == false)
    }

    @Test func unreadableModelFailsToLoad() {
        let engine = try? ScoringEngine(configuration: .singleFile("/nonexistent/model.json"))
        #expect(throws: ServeError.self) { try engine?.start() }
        #expect(engine?.isReady == false)
    }
}

@Suite struct MicroBatchingTests {
    @Test func microBatchedAnswersEqualDirectOnes() async throws {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.microBatching = MicroBatchingConfiguration(maxBatchSize: 16, maxDelayMilliseconds: 1, budgetMilliseconds: 5_000)
        let batched = try ScoringEngine(configuration: configuration)
        let direct = try ScoringEngine(configuration: .singleFile(Fixtures.xgbBinary))
        try batched.start()
        try direct.start()
        let rows = try Fixtures.rows("xgb_binary_logistic")
        let answers = try await withThrowingTaskGroup(of: (Int, ScoreResult).self) { group in
            for (i, row) in rows.enumerated() {
                group.addTask { (i, try await batched.submit(row)) }
            }
            var all: [Int: ScoreResult] = [:]
            for try await (i, r) in group { all[i] = r }
            return all
        }
        for (i, row) in rows.enumerated() {
            #expect(answers[i] == (try direct.score(row)))
        }
    }

    @Test func aRowPastItsBudgetFallsBackWithTimeout() async throws {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        // A budget shorter than the batching delay: every row times out.
        configuration.microBatching = MicroBatchingConfiguration(maxBatchSize: 1000, maxDelayMilliseconds: 20, budgetMilliseconds: 1)
        let engine = try ScoringEngine(configuration: configuration)
        try engine.start()
        let r = try await engine.submit([Float](repeating: 0, count: 8))
        #expect(r.source == .fallback)
        #expect(r.fallbackReason == .timeout)
    }
}

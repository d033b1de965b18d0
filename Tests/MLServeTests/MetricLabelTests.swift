import MLServe
import MLTesting
import Testing

/// Each counter of a labelled family counts under its own label (`_VariantInstruments` keeps
/// them by name, not position): a fallback by `low_confidence` is counted as that reason and
/// as a `fallback` answer, nothing else.
@Suite struct MetricLabelTests {
    @Test func fallbacksAndAnswersCountUnderTheirOwnLabels() throws {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.postProcessing.minConfidence = 1  // no probability of a fixture row reaches it
        let served = try ServingHarness.startedEngine(configuration)
        let row = try #require(try Fixtures.rows("xgb_binary_logistic").first)
        let result = try served.engine.score(row)
        #expect(result.fallbackReason == .lowConfidence)
        let metrics = served.metricsText()
        #expect(Self.sample(metrics, "mlserve_fallback_total", #"reason="low_confidence""#) == 1)
        for reason in ["model_error", "timeout", "invalid_input"] {
            #expect(Self.sample(metrics, "mlserve_fallback_total", #"reason="\#(reason)""#) == 0, "\(reason)")
        }
        #expect(Self.sample(metrics, "mlserve_predictions_total", #"source="fallback""#) == 1)
        #expect(Self.sample(metrics, "mlserve_predictions_total", #"source="model""#) == 0)
        #expect(Self.sample(metrics, "mlserve_predictions_total", #"source="rules""#) == 0)
    }

    /// The value of the `name` sample whose labels contain `label` (0 when there is none).
    static func sample(_ metrics: String, _ name: String, _ label: String) -> Double {
        metrics.split(separator: "\n")
            .filter { $0.hasPrefix(name + "{") && $0.contains(label) }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0, +)
    }
}

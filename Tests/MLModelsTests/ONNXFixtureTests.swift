import MLCore
import MLModels
import MLTesting
import Testing

/// One ONNX fixture folder (exported by skl2onnx / onnxmltools, expected values from
/// onnxruntime 1.32.0 with one thread).
struct ONNXFixture: Sendable, CustomStringConvertible {
    let name: String
    var description: String { name }

    static let all: [ONNXFixture] = [
        "onnx_gradient_boosting", "onnx_isolation_forest", "onnx_lightgbm_binary", "onnx_logreg_binary",
        "onnx_logreg_multiclass", "onnx_mlp_classifier", "onnx_pipeline_scaler_logreg", "onnx_random_forest",
        "onnx_xgboost_binary",
    ].map { ONNXFixture(name: $0) }

    var folder: String { FixtureLocator(testFile: #filePath).path("models/" + name) }
    var modelPath: String { folder + "/model.onnx" }
    var fixture: ModelFixture { ModelFixture(name: name, modelFile: "model.onnx") }
}

/// Every ONNX fixture through the library: the graph's label and score columns against
/// `expected.csv` within meta.json's `tolerance_abs` (labels exactly).
@Suite struct ONNXFixtureTests {
    @Test(arguments: ONNXFixture.all)
    func matchesExpected(_ fixture: ONNXFixture) throws {
        let model = try ONNXModel(contentsOf: fixture.modelPath)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv")
        let expected = try FixtureCSV(path: fixture.folder + "/expected.csv")
        let features = try x.floatMatrix()
        #expect(model.schema.featureCount == features.columns)
        #expect(model.inputName == "input")
        let prediction = try model.predictWithLabels(features)
        #expect(prediction.columnNames == expected.header, "\(fixture.name): columns")
        let tolerance = try fixture.fixture.tolerance(for: "p0")
        for (j, name) in expected.header.enumerated() {
            let column = expected.rows.map { $0[j] }
            if name == "label" {
                let labels = prediction.labels.map { label -> Double in
                    if case .integer(let v) = label { return Double(v) }
                    return .nan
                }
                expectClose(labels, column, .exact, "\(fixture.name) labels")
                continue
            }
            let actual = prediction.scores.column(j - 1)
            expectClose(actual, column, .absolute(tolerance), "\(fixture.name) column \(name)")
            let maxDiff = zip(actual, column).map { abs($0 - $1) }.max() ?? 0
            print("onnx parity \(fixture.name) \(name): max |Δ| = \(maxDiff) (tolerance \(tolerance))")
        }
        // The PredictiveModel values agree with the labeled scores.
        let values = try model.predict(features)
        switch model.outputKind {
        case .binaryProbability:
            #expect(values.column(0) == prediction.scores.column(1))
        default:
            #expect(values == prediction.scores)
        }
        // Through the generic loader too (format detected from content).
        let loaded = try ModelLoader.load(contentsOf: fixture.modelPath)
        #expect(loaded.modelDescription.format == .onnx)
        #expect(try loaded.predict(features) == values)
    }
}

import Foundation
import MLCore
import MLModels
import MLTesting
import Testing

/// INT8 symmetric per-channel weight quantization of linear and MLP ONNX graphs, against
/// `Tests/Fixtures/quantization/*/expected_int8.csv`: onnxruntime 1.32 running the same graphs
/// with weights quantized independently by NumPy (`make_reference.py`).
@Suite struct WeightQuantizationTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let tensors: Int
        var description: String { name }
    }

    static let cases = [
        Case(name: "onnx_logreg_binary", tensors: 1), Case(name: "onnx_logreg_multiclass", tensors: 1),
        Case(name: "onnx_mlp_classifier", tensors: 3), Case(name: "onnx_pipeline_scaler_logreg", tensors: 1),
    ]

    @Test(arguments: cases)
    func matchesNumPyQuantizedReference(_ c: Case) throws {
        let fixture = ONNXFixture(name: c.name)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        let result = try ModelQuantizer.quantizeWeights(
            contentsOf: fixture.modelPath, data: x, toleranceAbs: 1, decisionFlipsAllowed: x.rows)
        let r = result.report
        #expect(r.passed)
        #expect(r.scheme == "int8_per_channel_weights")
        #expect(r.quantizedWeightTensors == c.tensors)
        #expect(r.rows == 400)
        #expect(r.maxAbsDifference > 0 && r.maxAbsDifference < 0.1, "\(c): \(r.maxAbsDifference)")
        #expect(r.meanAbsDifference <= r.maxAbsDifference)

        let expected = try FixtureCSV(path: FixtureLocator(testFile: #filePath).path("quantization/\(c.name)/expected_int8.csv"))
        let p = try result.model.predictWithLabels(x)
        #expect(p.columnNames == expected.header)
        for (j, name) in expected.header.enumerated() {
            let want = expected.rows.map { $0[j] }
            if name == "label" {
                let got = p.labels.map { Double($0.description) ?? .nan }
                expectClose(got, want, .exact, "\(c) labels")
            } else {
                expectClose(p.scores.column(j - 1), want, .absolute(2e-6), "\(c) \(name)")
            }
        }
        // The float graph's own outputs differ from the INT8 reference (the weights did change).
        let float = try ONNXModel(contentsOf: fixture.modelPath)
        #expect(try float.predict(x) != result.model.predict(x))

        // The native file loads back to the same quantized graph and re-converts to itself.
        let back = try #require(try ModelLoader.load(bytes: result.json) as? ONNXModel)
        #expect(NativeFormatTests.bitsEqual(try back.predict(x), try result.model.predict(x)))
        // MatMul weights become INT8 initializers behind DequantizeLinear; linear coefficients stay an attribute.
        let text = String(decoding: result.json, as: UTF8.self)
        #expect(text.contains("\"opType\": \"DequantizeLinear\"") == (c.name == "onnx_mlp_classifier"))
        #expect(text.contains("\"dataType\": 3") == (c.name == "onnx_mlp_classifier"))
        #expect(try ModelConverter.convert(bytes: result.json).json == result.json)
    }

    @Test func defaultCheckPassesAndFailsOnRealModels() throws {
        func report(_ name: String) throws -> QuantizationReport {
            let fixture = ONNXFixture(name: name)
            return try ModelQuantizer.quantizeWeights(
                contentsOf: fixture.modelPath, data: try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()).report
        }
        // Standardized inputs: INT8 weights keep every label, |Δp| < 0.01.
        let scaled = try report("onnx_pipeline_scaler_logreg")
        #expect(scaled.passed)
        #expect(scaled.decisionFlips == 0)
        // Unscaled multiclass logistic regression: per-class scales lose the small weights.
        let raw = try report("onnx_logreg_multiclass")
        #expect(!raw.passed)
        #expect(raw.decisionFlips > 0)
        #expect(raw.maxAbsDifference > 0.01)
    }

    @Test func graphsWithoutWeightsAndTreesAreRefused() throws {
        let rf = ONNXFixture(name: "onnx_random_forest")
        let x = try FixtureCSV(path: rf.folder + "/X.csv").floatMatrix()
        let e = loadingError { _ = try ModelQuantizer.quantizeWeights(contentsOf: rf.modelPath, data: x) }
        #expect(e?.code == .unsupported)
        let trees = ModelFixture.all[0]
        let t = loadingError {
            _ = try ModelQuantizer.quantizeWeights(contentsOf: trees.modelPath, data: try FixtureCSV(path: trees.folder + "/X.csv").floatMatrix())
        }
        #expect(t?.code == .unsupported)
    }

    @Test func commandLineExitCodes() throws {
        let cli = ConvertCommandLineTests()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("int8-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let ok = ONNXFixture(name: "onnx_pipeline_scaler_logreg")
        let passed = try cli.run(["quantize", "--model", ok.modelPath, "--data", ok.folder + "/X.csv", "--output", out, "--json"])
        #expect(passed.status == 0, "\(passed.stderr)")
        let report = try JSONDecoder().decode(QuantizationReport.self, from: Data(passed.stdout.utf8))
        #expect(report.quantizedWeightTensors == 1)
        #expect(try ModelLoader.load(contentsOf: out) is ONNXModel)
        try? FileManager.default.removeItem(atPath: out)
        let bad = ONNXFixture(name: "onnx_logreg_multiclass")
        let failed = try cli.run(["quantize", "--model", bad.modelPath, "--data", bad.folder + "/X.csv", "--output", out])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written when the check fails")
        let loose = try cli.run([
            "quantize", "--model", bad.modelPath, "--data", bad.folder + "/X.csv", "--output", out, "--max-abs-diff", "0.1",
            "--max-flips", "20",
        ])
        #expect(loose.status == 0, "\(loose.stderr)")
    }
}

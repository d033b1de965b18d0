import FoundationEssentials
import MLCore
import MLModels
import MLTesting
import Testing

/// Threshold quantization of tree ensembles: zero node-decision mismatches on every tree
/// fixture's rows (plus edge values), bit-identical outputs, and a native file that loads back
/// as the quantized model.
@Suite struct TreeQuantizationTests {
    static let cases: [NativeFormatTests.Case] = NativeFormatTests.cases.filter { !$0.modelPath.hasSuffix(".onnx") }

    /// The fixture's rows plus rows of edge values (NaN, ±0, ±∞, tiny, huge, each split threshold's neighbours).
    static func probeRows(_ x: Matrix<Float>, _ q: QuantizedTreeEnsembleModel) throws -> Matrix<Float> {
        let f = x.columns
        var values = x.elements
        let specials: [Float] = [.nan, 0, -0.0, .infinity, -.infinity, 1e-36, -1e-36, 1e30, -1e30, 2.5, -3]
        for s in specials { values += Array(repeating: s, count: f) }
        // Each feature's edges, their neighbours, and one row per edge.
        let maxEdges = (0..<f).map { q.binEdges(feature: $0).count }.max() ?? 0
        for k in 0..<min(maxEdges, 64) {
            for shift in [-1, 0, 1] {
                for j in 0..<f {
                    let edges = q.binEdges(feature: j)
                    guard !edges.isEmpty else {
                        values.append(0)
                        continue
                    }
                    let e = edges[k % edges.count]
                    values.append(shift < 0 ? e.nextDown : shift > 0 ? e.nextUp : e)
                }
            }
        }
        return try Matrix(rows: values.count / max(f, 1), columns: f, elements: values)
    }

    @Test(arguments: cases)
    func zeroMismatchesAndIdenticalOutputs(_ c: NativeFormatTests.Case) throws {
        let float = try TreeEnsembleModel(contentsOf: c.modelPath)
        let q0 = try QuantizedTreeEnsembleModel(quantizing: float)
        let x = try Self.probeRows(try FixtureCSV(path: c.inputPath).floatMatrix(), q0)
        let result = try ModelQuantizer.quantizeTrees(contentsOf: c.modelPath, data: x)
        let r = result.report
        #expect(r.passed, "\(c)")
        #expect(r.nodeDecisionMismatches == 0)
        // Models whose splits are all categorical / zero-as-missing (or all leaves) have no edges.
        let hasEdges = (0..<x.columns).contains { !q0.binEdges(feature: $0).isEmpty }
        #expect(hasEdges ? r.nodeDecisions >= x.rows : r.nodeDecisions == 0, "\(c): \(r.nodeDecisions) decisions")
        #expect(r.maxAbsDifference == 0)
        #expect(r.decisionFlips == 0)
        #expect(r.rows == x.rows)
        for output in [PredictionOutput.value, .leafIndex] + (float.hasLinkFunction ? [.rawMargin] : []) {
            let options = PredictionOptions(output: output)
            #expect(NativeFormatTests.bitsEqual(try float.predict(x, options: options), try result.model.predict(x, options: options)), "\(c) \(output)")
        }
        // Threads over row chunks give the same bits.
        #expect(NativeFormatTests.bitsEqual(try result.model.predict(x, options: .init(threads: 3)), try float.predict(x)))
        // The native file loads back as the quantized model, and re-converts to the same bytes.
        let loaded = try ModelLoader.load(bytes: result.json)
        let back = try #require(loaded as? QuantizedTreeEnsembleModel)
        #expect(back.modelDescription.details["quantization"] == "threshold_bins")
        #expect(NativeFormatTests.bitsEqual(try back.predict(x), try float.predict(x)))
        let scorer = try back.makeSingleRowScorer(options: .default)
        #expect(try scorer.predict(Array(x.elements[0..<x.columns])).map(\.bitPattern) == Array(try float.predict(x).elements[0..<scorer.outputWidth]).map(\.bitPattern))
        #expect(try ModelConverter.convert(bytes: result.json).json == result.json)
    }

    @Test func binsAreSmallIntegersOverSortedEdges() throws {
        let fixture = ModelFixture.all[0]
        let q = try QuantizedTreeEnsembleModel(quantizing: try TreeEnsembleModel(contentsOf: fixture.modelPath))
        for j in 0..<q.schema.featureCount {
            let edges = q.binEdges(feature: j)
            #expect(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }, "feature \(j) edges ascend")
            #expect(edges.count < 65_535)
        }
        #expect(q.binEdges(feature: -1).isEmpty)
        #expect(Int(q.modelDescription.details["bin_edges_total"] ?? "") ?? 0 > 0)
    }

    @Test func editedEdgesAndONNXAreRefused() throws {
        let fixture = ModelFixture.all[4]  // lgbm_binary
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        let result = try ModelQuantizer.quantizeTrees(contentsOf: fixture.modelPath, data: x)
        var text = String(decoding: result.json, as: UTF8.self)
        let q = result.model
        let first = try #require(q.binEdges(feature: 0).first)
        text = text.replacingOccurrences(of: "\n      [\(first),", with: "\n      [\(first.nextDown),")
        let e = loadingError { _ = try ModelLoader.load(bytes: Array(text.utf8)) }
        #expect(e?.code == .inconsistent)
        #expect(e?.key == "model.quantization.bin_edges[0]")
        let onnx = ONNXFixture(name: "onnx_random_forest")
        let refused = loadingError {
            _ = try ModelQuantizer.quantizeTrees(contentsOf: onnx.modelPath, data: try FixtureCSV(path: onnx.folder + "/X.csv").floatMatrix())
        }
        #expect(refused?.code == .unsupported)
    }

    @Test func reportFailsOnAnyDifference() {
        let ok = QuantizationReport(
            scheme: "threshold_bins", rows: 10, outputWidth: 1, maxAbsDifference: 0, meanAbsDifference: 0, decisionFlips: 0,
            nodeDecisions: 40, nodeDecisionMismatches: 0)
        #expect(ok.passed)
        let bad = QuantizationReport(
            scheme: "threshold_bins", rows: 10, outputWidth: 1, maxAbsDifference: 0, meanAbsDifference: 0, decisionFlips: 0,
            nodeDecisions: 40, nodeDecisionMismatches: 1)
        #expect(!bad.passed)
    }
}

import MLCore

/// INT threshold quantization of tree ensembles, with a parity check on data and the result
/// in the native JSON format (a `quantization` section in the tree model).
///
/// ```swift
/// let x = try Matrix<Float>(contentsOfNPYFile: "X.npy")
/// let q = try ModelQuantizer.quantizeTrees(contentsOf: "model.json", data: x)
/// print(q.report.nodeDecisionMismatches)        // 0
/// // write q.json; ModelLoader.load gives a QuantizedTreeEnsembleModel back
/// ```
public enum ModelQuantizer {
    /// Quantizes the tree ensemble in the file at `path` and compares it with the float model
    /// on `data` (`rows × featureCount`).
    /// - Throws: ``ModelLoadingError`` when the file cannot be loaded or is not a tree ensemble
    ///   (`.unsupported`), ``ScoringError/Code/featureCountMismatch`` when `data` has another
    ///   width.
    public static func quantizeTrees(contentsOf path: String, data: Matrix<Float>) throws -> TreeQuantization {
        do {
            let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
            return try quantizeTrees(bytes: try _FileBytes.contents(of: path), sourceFile: name, data: data)
        } catch let error as ModelLoadingError {
            throw error.at(path: path)
        }
    }

    /// Quantizes the tree ensemble in `bytes` (any tree format, or native JSON).
    /// - Throws: as ``quantizeTrees(contentsOf:data:)``.
    public static func quantizeTrees(bytes: [UInt8], sourceFile: String? = nil, data: Matrix<Float>) throws -> TreeQuantization {
        let source = try _NativeSource.trees(bytes: bytes, sourceFile: sourceFile)
        let model = TreeEnsembleModel(loaded: source.loaded)
        guard data.columns == model.schema.featureCount else {
            throw ScoringError(
                .featureCountMismatch, "the model expects \(model.schema.featureCount) features, the data has \(data.columns) columns")
        }
        let quantized = try QuantizedTreeEnsembleModel(quantizing: model)
        let report = try compare(quantized, data)
        var w = _NativeJSONWriter()
        source.header.write(into: &w)
        _NativeTreeWriter.write(source.loaded, quantization: quantized.binned, into: &w)
        w.raw("\n}\n")
        return TreeQuantization(model: quantized, report: report, json: w.bytes)
    }

    static func compare(_ q: QuantizedTreeEnsembleModel, _ x: Matrix<Float>) throws -> QuantizationReport {
        let a = try q.floatModel.predict(x)
        let b = try q.predict(x)
        let difference = _OutputDifference(a.elements, b.elements)
        let maxDiff = difference.maxAbs
        let sum = difference.sum
        var flips = 0
        let w = a.columns
        for r in 0..<a.rows {
            let ra = Array(a.elements[(r * w)..<((r + 1) * w)])
            let rb = Array(b.elements[(r * w)..<((r + 1) * w)])
            switch q.outputKind {
            case .binaryProbability:
                if (ra[0] > 0.5) != (rb[0] > 0.5) { flips += 1 }
            case .multiclassProbabilities:
                if argmax(ra) != argmax(rb) { flips += 1 }
            case .classIndex:
                if ra[0] != rb[0] { flips += 1 }
            case .regressionValue, .rawScore, .anomalyScore:
                break
            }
        }
        let forest = q.floatModel.forest
        let f = forest.featureCount
        var decisions = 0
        var mismatches = 0
        let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: max(f, 1))
        defer { keys.deallocate() }
        let codes = UnsafeMutablePointer<UInt32>.allocate(capacity: max(f, 1))
        defer { codes.deallocate() }
        x.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            for r in 0..<x.rows {
                let row = base + r * f
                _Forest.encode(row, count: f, into: keys)
                q.binned.binEdges.encode(row, rows: 1, featureCount: f, into: codes)
                let c = q.binned.compareDecisions(row, keys, codes, trees: 0..<forest.trees.count)
                decisions += c.decisions
                mismatches += c.mismatches
            }
        }
        let count = a.elements.count
        return QuantizationReport(
            scheme: "threshold_bins", rows: x.rows, outputWidth: w, maxAbsDifference: maxDiff,
            meanAbsDifference: count > 0 ? sum / Double(count) : 0, decisionFlips: flips, nodeDecisions: decisions,
            nodeDecisionMismatches: mismatches)
    }

    private static func argmax(_ v: [Double]) -> Int {
        var best = 0
        for k in v.indices where v[k] > v[best] { best = k }
        return best
    }
}

/// The result of ``ModelQuantizer/quantizeTrees(contentsOf:data:)``.
public struct TreeQuantization: Sendable {
    /// The quantized model.
    public let model: QuantizedTreeEnsembleModel
    /// Its comparison with the float model on the given data.
    public let report: QuantizationReport
    /// The native JSON of the quantized model (loads back as a ``QuantizedTreeEnsembleModel``).
    public let json: [UInt8]
}

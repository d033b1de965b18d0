import MLCore

extension ModelQuantizer {
    /// Quantizes the weights of a linear or MLP ONNX graph (`MatMul` / `Gemm` initializers,
    /// `LinearClassifier` / `LinearRegressor` coefficients) to symmetric per-channel INT8 and
    /// compares it with the float graph on `data`.
    /// - Parameters:
    ///   - toleranceAbs: largest |Δ| of an output value for the check to pass.
    ///   - decisionFlipsAllowed: rows whose label (or arg-max / 0.5 decision) may change.
    /// - Throws: ``ModelLoadingError`` when the file cannot be loaded, is not an ONNX graph, or
    ///   has no weights to quantize (`.unsupported`); ``ScoringError`` when `data` has another width.
    public static func quantizeWeights(
        contentsOf path: String, data: Matrix<Float>, toleranceAbs: Double = 0.01, decisionFlipsAllowed: Int = 0
    ) throws -> WeightQuantization {
        do {
            let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
            return try quantizeWeights(
                bytes: try _FileBytes.contents(of: path), sourceFile: name, data: data, toleranceAbs: toleranceAbs,
                decisionFlipsAllowed: decisionFlipsAllowed)
        } catch let error as ModelLoadingError {
            throw error.at(path: path)
        }
    }

    /// Quantizes the weights of the ONNX graph in `bytes` (`.onnx` or native JSON).
    /// - Throws: as ``quantizeWeights(contentsOf:data:toleranceAbs:decisionFlipsAllowed:)``.
    public static func quantizeWeights(
        bytes: [UInt8], sourceFile: String? = nil, data: Matrix<Float>, toleranceAbs: Double = 0.01,
        decisionFlipsAllowed: Int = 0
    ) throws -> WeightQuantization {
        guard case .onnx(let header, let proto, _) = try _NativeSource.read(bytes: bytes, sourceFile: sourceFile) else {
            throw ModelLoadingError(
                .unsupported, "INT8 weight quantization applies to linear and MLP ONNX graphs; use quantizeTrees for tree ensembles")
        }
        let float = try ONNXModel(bytes: try serialized(proto))
        guard data.columns == float.schema.featureCount else {
            throw ScoringError(
                .featureCountMismatch, "the model expects \(float.schema.featureCount) features, the data has \(data.columns) columns")
        }
        let result = try _ONNXWeightQuantizer.quantize(proto)
        guard result.tensors > 0 else {
            throw ModelLoadingError(
                .unsupported, "the graph has no MatMul/Gemm weight initializers or linear coefficients to quantize")
        }
        let quantized = try ONNXModel(bytes: try serialized(result.proto))
        let a = try float.predict(data)
        let b = try quantized.predict(data)
        let difference = _OutputDifference(a.elements, b.elements)
        let maxDiff = difference.maxAbs
        let sum = difference.sum
        var flips = 0
        if float.hasLabels {
            let la = try float.predictWithLabels(data).labels.map(\.description)
            let lb = try quantized.predictWithLabels(data).labels.map(\.description)
            flips = zip(la, lb).filter { $0 != $1 }.count
        } else if case .multiclassProbabilities = float.outputKind {
            let w = a.columns
            for r in 0..<a.rows where argmax(a.elements[(r * w)..<((r + 1) * w)]) != argmax(b.elements[(r * w)..<((r + 1) * w)]) {
                flips += 1
            }
        } else if float.outputKind == .binaryProbability {
            flips = zip(a.elements, b.elements).filter { ($0 > 0.5) != ($1 > 0.5) }.count
        }
        let report = QuantizationReport(
            scheme: "int8_per_channel_weights", rows: data.rows, outputWidth: a.columns, maxAbsDifference: maxDiff,
            meanAbsDifference: a.elements.isEmpty ? 0 : sum / Double(a.elements.count), decisionFlips: flips,
            nodeDecisions: 0, nodeDecisionMismatches: 0, quantizedWeightTensors: result.tensors, toleranceAbs: toleranceAbs,
            decisionFlipsAllowed: decisionFlipsAllowed)
        var w = _NativeJSONWriter()
        header.write(into: &w)
        try _NativeONNX.write(result.proto, into: &w)
        w.raw("\n}\n")
        guard let model = try ModelLoader.load(bytes: w.bytes, format: .swiftMLOpsJSON) as? ONNXModel else {
            throw ModelLoadingError(.inconsistent, "the quantized graph did not load back as an ONNX model")
        }
        return WeightQuantization(model: model, report: report, json: w.bytes)
    }

    private static func serialized(_ proto: Onnx_ModelProto) throws -> [UInt8] {
        do {
            return try proto.serializedBytes()
        } catch {
            throw ModelLoadingError(.malformed, "the ONNX graph cannot be serialized (\(error))")
        }
    }

    private static func argmax(_ v: ArraySlice<Double>) -> Int {
        var best = v.startIndex
        for k in v.indices where v[k] > v[best] { best = k }
        return best - v.startIndex
    }
}

/// The result of ``ModelQuantizer/quantizeWeights(contentsOf:data:toleranceAbs:decisionFlipsAllowed:)``.
public struct WeightQuantization: Sendable {
    /// The quantized graph (INT8 weights with per-channel `DequantizeLinear`).
    public let model: ONNXModel
    /// Its comparison with the float graph on the given data.
    public let report: QuantizationReport
    /// The native JSON of the quantized graph.
    public let json: [UInt8]
}

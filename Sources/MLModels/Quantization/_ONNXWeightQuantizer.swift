#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Symmetric per-channel INT8 quantization of the weights of linear and MLP graphs.
///
/// Per output channel `c` (a column of a `MatMul` weight `[K, N]`, a row of a `Gemm` weight
/// with `transB = 1`, a class row of `LinearClassifier` / `LinearRegressor` coefficients):
/// `scale_c = max|w_c| / 127` (1 when the channel is all zeros), `q = round(w / scale_c)` in
/// −127…127, zero point 0.
///
/// - `MatMul` / `Gemm` weights that are initializers become an `INT8` initializer plus a
///   per-axis `DequantizeLinear` (ONNX's own QDQ form, opset ≥ 13) whose output keeps the
///   weight's name, so the graph is a standard quantized ONNX graph.
/// - `LinearClassifier` / `LinearRegressor` hold their coefficients in a float attribute, which
///   ONNX cannot type as INT8; each is replaced by its dequantized value `Float(q) · scale_c`,
///   exactly what a `DequantizeLinear` of the same INT8 tensor gives.
enum _ONNXWeightQuantizer {
    struct Result {
        var proto: Onnx_ModelProto
        /// Weight tensors (and coefficient attributes) quantized.
        var tensors: Int
        /// Output channels quantized.
        var channels: Int
    }

    static func quantize(_ model: Onnx_ModelProto) throws -> Result {
        var model = model
        var graph = model.graph
        let opset = model.opsetImport.first { $0.domain == "" || $0.domain == "ai.onnx" }?.version ?? 0
        var initializerIndex: [String: Int] = [:]
        for (k, t) in graph.initializer.enumerated() { initializerIndex[t.name] = k }
        var done: Set<String> = []
        var newNodes: [Onnx_NodeProto] = []
        var newInitializers: [Onnx_TensorProto] = []
        var tensors = 0
        var channels = 0
        for (n, node) in graph.node.enumerated() {
            let domain = node.domain
            if (domain == "" || domain == "ai.onnx") && (node.opType == "MatMul" || node.opType == "Gemm") {
                guard node.input.count >= 2, let k = initializerIndex[node.input[1]], !done.contains(node.input[1]) else { continue }
                let weight = graph.initializer[k]
                guard weight.dataType == 1, weight.dims.count == 2 else { continue }
                guard opset >= 13 else {
                    throw ModelLoadingError(
                        .unsupported, "per-channel DequantizeLinear needs ai.onnx opset ≥ 13, the graph has \(opset)", node: n)
                }
                let rows = Int(clamping: weight.dims[0])
                let cols = Int(clamping: weight.dims[1])
                let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
                guard rows > 0, cols > 0, !overflow else {
                    throw ModelLoadingError(.invalidValue, "initializer '\(weight.name)' has shape \(weight.dims)", node: n)
                }
                let values = try floats(weight, count: count, node: n)
                let transB = node.opType == "Gemm" && node.attribute.contains { $0.name == "transB" && $0.i == 1 }
                // Channel axis: the output dimension (columns of [K, N]; rows when transposed).
                let axis = transB ? 0 : 1
                let channelCount = transB ? rows : cols
                let (q, scales) = quantize(values, channels: channelCount) { i in transB ? i / cols : i % cols }
                let name = weight.name
                var qt = Onnx_TensorProto()
                qt.name = name + "_quantized"
                qt.dataType = 3  // INT8
                qt.dims = weight.dims
                qt.rawData = Data(q.map { UInt8(bitPattern: $0) })
                var st = Onnx_TensorProto()
                st.name = name + "_scale"
                st.dataType = 1
                st.dims = [Int64(channelCount)]
                st.floatData = scales
                var zt = Onnx_TensorProto()
                zt.name = name + "_zero_point"
                zt.dataType = 3
                zt.dims = [Int64(channelCount)]
                zt.rawData = Data(repeating: 0, count: channelCount)
                var dq = Onnx_NodeProto()
                dq.name = name + "_DequantizeLinear"
                dq.opType = "DequantizeLinear"
                dq.input = [qt.name, st.name, zt.name]
                dq.output = [name]
                var a = Onnx_AttributeProto()
                a.name = "axis"
                a.type = .int
                a.i = Int64(axis)
                dq.attribute = [a]
                newNodes.append(dq)
                newInitializers += [qt, st, zt]
                done.insert(name)
                tensors += 1
                channels += channelCount
            } else if domain == "ai.onnx.ml" && (node.opType == "LinearClassifier" || node.opType == "LinearRegressor") {
                guard let a = node.attribute.firstIndex(where: { $0.name == "coefficients" }) else { continue }
                let w = node.attribute[a].floats
                let classes: Int
                if node.opType == "LinearClassifier" {
                    classes = node.attribute.first { $0.name == "intercepts" }?.floats.count ?? 0
                } else {
                    classes = Int(clamping: node.attribute.first { $0.name == "targets" }?.i ?? 1)
                }
                guard classes > 0, w.count % classes == 0, !w.isEmpty else {
                    throw ModelLoadingError(
                        .inconsistent, "\(node.opType) has \(w.count) coefficients for \(classes) classes", node: n, key: "coefficients")
                }
                let perClass = w.count / classes
                let (q, scales) = quantize(w, channels: classes) { i in i / perClass }
                graph.node[n].attribute[a].floats = q.enumerated().map { i, v in Float(v) * scales[i / perClass] }
                tensors += 1
                channels += classes
            }
        }
        graph.initializer.removeAll { done.contains($0.name) }
        graph.input.removeAll { done.contains($0.name) }
        graph.initializer += newInitializers
        graph.node = newNodes + graph.node
        model.graph = graph
        return Result(proto: model, tensors: tensors, channels: channels)
    }

    /// Symmetric INT8 values and one scale per channel (`channel(i)` of element `i`).
    static func quantize(_ w: [Float], channels: Int, channel: (Int) -> Int) -> (values: [Int8], scales: [Float]) {
        var maxAbs = [Float](repeating: 0, count: channels)
        for (i, v) in w.enumerated() where v.isFinite { maxAbs[channel(i)] = max(maxAbs[channel(i)], abs(v)) }
        // A channel whose largest weight is 0 (or so small that /127 underflows) gets scale 1.
        let scales = maxAbs.map { m -> Float in
            let s = m / 127
            return s > 0 && s.isFinite ? s : 1
        }
        let q = w.enumerated().map { i, v -> Int8 in
            let r = (v / scales[channel(i)]).rounded(.toNearestOrEven)
            guard r.isFinite else { return v > 0 ? 127 : (v < 0 ? -127 : 0) }
            return Int8(max(-127, min(127, r)))
        }
        return (q, scales)
    }

    /// The float32 values of an initializer (`float_data` or little-endian `raw_data`).
    private static func floats(_ t: Onnx_TensorProto, count: Int, node: Int) throws -> [Float] {
        if t.hasRawData {
            let raw = [UInt8](t.rawData)
            guard raw.count == count * 4 else {
                throw ModelLoadingError(.inconsistent, "initializer '\(t.name)' has \(raw.count) bytes for \(count) floats", node: node)
            }
            return (0..<count).map { i in
                let b = UInt32(raw[4 * i]) | UInt32(raw[4 * i + 1]) << 8 | UInt32(raw[4 * i + 2]) << 16 | UInt32(raw[4 * i + 3]) << 24
                return Float(bitPattern: b)
            }
        }
        guard t.floatData.count == count else {
            throw ModelLoadingError(.inconsistent, "initializer '\(t.name)' has \(t.floatData.count) values for \(count)", node: node)
        }
        return t.floatData
    }
}

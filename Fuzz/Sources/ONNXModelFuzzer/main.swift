import FuzzSupport
import MLCore
import MLModels

// ONNX graphs (protobuf decoding, opsets, every supported op, tree ensembles, the direct
// single-row tree path, named and string inputs). What loads is scored in batch, with labels, and row by row. Only
// ModelLoadingError and ScoringError may come out.
runFuzzer { input in
    guard let model = try? ONNXModel(bytes: Array(input)) else { return }
    // Named inputs (strings included), two rows: text the graph has not seen, and NaN.
    var named: [String: ONNXInputValues] = [:]
    for i in model.inputs where i.width <= ScoringProbe.maximumFeatures {
        named[i.name] = i.elementType == "string"
            ? .string([String](repeating: "?", count: 2 * i.width)) : .float([Float](repeating: .nan, count: 2 * i.width))
    }
    _ = try? model.predictWithLabels(inputs: named, rowCount: 2)
    ScoringProbe.score(model)
    let f = model.schema.featureCount
    guard f <= ScoringProbe.maximumFeatures,
        let x = try? Matrix<Float>(rows: 1, columns: f, elements: [Float](repeating: .nan, count: f))
    else { return }
    _ = try? model.predictWithLabels(x)
}

import FuzzSupport
import MLCore
import MLModels

// ONNX graphs (protobuf decoding, opsets, every supported op, tree ensembles, the direct
// single-row tree path). What loads is scored in batch, with labels, and row by row. Only
// ModelLoadingError and ScoringError may come out.
runFuzzer { input in
    guard let model = try? ONNXModel(bytes: Array(input)) else { return }
    ScoringProbe.score(model)
    let f = model.schema.featureCount
    guard f <= ScoringProbe.maximumFeatures,
        let x = try? Matrix<Float>(rows: 1, columns: f, elements: [Float](repeating: .nan, count: f))
    else { return }
    _ = try? model.predictWithLabels(x)
}

import FuzzSupport
import MLModels

// swift-mlops' own model format (header, provenance, trees node by node, embedded ONNX).
// Each input is loaded as swiftMLOpsJSON and, through format detection, as whatever it looks like;
// what loads is scored every way (ScoringProbe). Only ModelLoadingError and ScoringError
// may come out: a crash, sanitizer report, hang or RSS overrun is a finding.
runFuzzer { input in
    let bytes = Array(input)
    if let model = try? ModelLoader.load(bytes: bytes, format: .swiftMLOpsJSON) { ScoringProbe.score(model) }
    if let model = try? ModelLoader.load(bytes: bytes, format: .auto) { ScoringProbe.score(model) }
}

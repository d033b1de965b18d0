import FuzzSupport
import MLModels

// LightGBM text models (header keys, decision_type bits, categorical bitsets, linear trees).
// Each input is loaded as lightGBMText and, through format detection, as whatever it looks like;
// what loads is scored every way (ScoringProbe). Only ModelLoadingError and ScoringError
// may come out: a crash, sanitizer report, hang or RSS overrun is a finding.
runFuzzer { input in
    let bytes = Array(input)
    if let model = try? ModelLoader.load(bytes: bytes, format: .lightGBMText) { ScoringProbe.score(model) }
    if let model = try? ModelLoader.load(bytes: bytes, format: .auto) { ScoringProbe.score(model) }
}

import FuzzSupport
import MLModels

// XGBoost JSON models (JSON parser, gbtree/dart, categorical splits, objectives).
// Each input is loaded as xgboostJSON and, through format detection, as whatever it looks like;
// what loads is scored every way (ScoringProbe). Only ModelLoadingError and ScoringError
// may come out: a crash, sanitizer report, hang or RSS overrun is a finding.
runFuzzer { input in
    let bytes = Array(input)
    if let model = try? ModelLoader.load(bytes: bytes, format: .xgboostJSON) { ScoringProbe.score(model) }
    if let model = try? ModelLoader.load(bytes: bytes, format: .auto) { ScoringProbe.score(model) }
}

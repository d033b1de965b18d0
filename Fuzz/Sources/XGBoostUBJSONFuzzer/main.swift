import FuzzSupport
import MLModels

// XGBoost UBJSON models (typed and counted containers, every marker).
// Each input is loaded as xgboostUBJSON and, through format detection, as whatever it looks like;
// what loads is scored every way (ScoringProbe). Only ModelLoadingError and ScoringError
// may come out: a crash, sanitizer report, hang or RSS overrun is a finding.
runFuzzer { input in
    let bytes = Array(input)
    if let model = try? ModelLoader.load(bytes: bytes, format: .xgboostUBJSON) { ScoringProbe.score(model) }
    if let model = try? ModelLoader.load(bytes: bytes, format: .auto) { ScoringProbe.score(model) }
}

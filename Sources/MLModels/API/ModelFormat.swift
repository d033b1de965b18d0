/// A model file format. `.auto` detects the format from the content (not the file name).
public enum ModelFormat: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Detect from content: JSON text starting with `{`, UBJSON (`{` followed by a length
    /// marker), LightGBM text starting with `tree` or `version=`, ONNX protobuf, and the
    /// native JSON (`"format": "swift-mlops-model"`).
    case auto
    /// XGBoost `save_model` JSON (1.x – 3.x layouts).
    case xgboostJSON = "xgboost-json"
    /// XGBoost `save_model` UBJSON (`.ubj`), big-endian.
    case xgboostUBJSON = "xgboost-ubjson"
    /// LightGBM `Booster.save_model` text.
    case lightGBMText = "lightgbm-text"
    /// ONNX protobuf.
    case onnx
    /// The SDK's own versioned JSON (`mlctl convert`): any loaded model, round-tripped
    /// exactly, with its feature names and provenance. See `Docs/Models.md`.
    case swiftMLOpsJSON = "swift-mlops-json"
}

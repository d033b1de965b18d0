/// Loads any supported model file, detecting its format from the content.
///
/// ```swift
/// let model = try ModelLoader.load(contentsOf: "fraud.ubj")   // any PredictiveModel
/// print(model.modelDescription.objective, model.schema.featureCount)
/// ```
public enum ModelLoader {
    /// Loads the model at `path`.
    /// - Parameter format: `.auto` (default) detects the format from the bytes.
    /// - Throws: ``ModelLoadingError`` (with `file` set) when the file cannot be read, its
    ///   format is not recognized or supported, or its content is malformed or inconsistent.
    public static func load(contentsOf path: String, format: ModelFormat = .auto) throws -> any PredictiveModel {
        do {
            return try load(bytes: try _FileBytes.contents(of: path), format: format)
        } catch let error as ModelLoadingError {
            throw error.at(path: path)
        }
    }

    /// Loads a model from its file bytes.
    /// - Throws: ``ModelLoadingError``.
    public static func load(bytes: [UInt8], format: ModelFormat = .auto) throws -> any PredictiveModel {
        let resolved = format == .auto ? try detectFormat(of: bytes) : format
        switch resolved {
        case .xgboostJSON:
            // A native file whose keys were reordered by hand still starts with `{`.
            let doc = try _JSONParser.parse(bytes)
            if format == .auto && _NativeModelReader.isNative(doc) { return try _NativeModelReader.load(doc) }
            return TreeEnsembleModel(loaded: try _XGBoostLoader.load(doc, format: .xgboostJSON))
        case .xgboostUBJSON, .lightGBMText:
            return try TreeEnsembleModel(bytes: bytes, format: resolved)
        case .onnx:
            return try ONNXModel(bytes: bytes)
        case .swiftMLOpsJSON:
            return try _NativeModelReader.load(try _JSONParser.parse(bytes))
        case .auto:
            throw ModelLoadingError(.unrecognizedFormat, "the model format could not be detected")
        }
    }

    /// The format of `bytes`, judged from the content.
    ///
    /// The native JSON starts `{"format": "swift-mlops-model"` (whitespace allowed); other
    /// JSON starting with `{` followed by whitespace or `"` is XGBoost JSON (the loader still
    /// recognizes a native file whose `format` key is not first); UBJSON starts with `{`
    /// followed by a length marker (`i U I l L`) or a container header (`$`, `#`); LightGBM
    /// text starts with `tree` or `version=`; ONNX is a protobuf whose first field is
    /// `ir_version` (tag byte 0x08).
    /// - Throws: ``ModelLoadingError/Code/unrecognizedFormat`` when nothing matches.
    public static func detectFormat(of bytes: [UInt8]) throws -> ModelFormat {
        var i = 0
        // UTF-8 byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count else {
            throw ModelLoadingError(.unrecognizedFormat, "the model file is empty")
        }
        if bytes[i] == UInt8(ascii: "{") {
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            switch next {
            case UInt8(ascii: "i"), UInt8(ascii: "U"), UInt8(ascii: "I"), UInt8(ascii: "l"), UInt8(ascii: "L"),
                UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "N"):
                return .xgboostUBJSON
            default:
                return _NativeHeader.hasNativePrefix(bytes, at: i) ? .swiftMLOpsJSON : .xgboostJSON
            }
        }
        let head = String(decoding: bytes[i..<min(bytes.count, i + 16)], as: UTF8.self)
        if head.hasPrefix("tree") || head.hasPrefix("version=") { return .lightGBMText }
        if bytes[i] == 0x08 && i == 0 { return .onnx }
        // A ModelProto whose writer did not put ir_version first.
        if _ONNXPlan.looksLikeModel(bytes) { return .onnx }
        throw ModelLoadingError(.unrecognizedFormat, "not an XGBoost JSON/UBJSON, LightGBM text, ONNX or swift-mlops model")
    }
}

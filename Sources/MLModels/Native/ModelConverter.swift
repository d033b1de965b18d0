import MLCore

/// Converts any loadable model file into the SDK's own JSON format
/// (``ModelFormat/swiftMLOpsJSON``), which loads back to a model whose predictions, raw
/// margins and leaf indices are bit-identical to the original's.
///
/// ```swift
/// let conversion = try ModelConverter.convert(contentsOf: "fraud.ubj")
/// try conversion.json.write(to: "fraud.model.json")              // e.g. with FileManager
/// let model = try ModelLoader.load(contentsOf: "fraud.model.json")  // same predictions
/// ```
///
/// Tree ensembles are written node by node in the original file's numbering; ONNX graphs as
/// the `ModelProto` in protobuf's JSON mapping. Feature names come from the source file when
/// it has them; the provenance records the source format and the SHA-256 of its bytes.
/// Converting a native file again returns the same bytes (its provenance is kept, and the
/// output holds no time stamp). The schema is documented in `Docs/Models.md`.
public enum ModelConverter {
    /// The value of the `format` key of every native file.
    public static let formatName = _NativeHeader.formatName
    /// The `version` this SDK writes and reads.
    public static let formatVersion = _NativeHeader.version
    /// The `provenance.converted_by` this converter writes.
    public static let converterName = "swift-mlops ModelConverter"

    /// Converts the model file at `path` (format detected from its content).
    /// - Throws: ``ModelLoadingError`` (with `file` set) when the file cannot be read or loaded.
    public static func convert(contentsOf path: String) throws -> ModelConversion {
        do {
            let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
            return try convert(bytes: try _FileBytes.contents(of: path), sourceFile: name)
        } catch let error as ModelLoadingError {
            throw error.at(path: path)
        }
    }

    /// Converts a model from its file bytes.
    /// - Parameter sourceFile: the file name recorded in the provenance (nil: none).
    /// - Throws: ``ModelLoadingError`` when the bytes are not a valid supported model.
    public static func convert(bytes: [UInt8], sourceFile: String? = nil) throws -> ModelConversion {
        let source = try _NativeSource.read(bytes: bytes, sourceFile: sourceFile)
        let json = try source.json()
        // The output must load: a converter bug surfaces here, not in a later deployment.
        let model = try ModelLoader.load(bytes: json, format: .swiftMLOpsJSON)
        return ModelConversion(json: json, provenance: source.header.provenance, sourceFormat: source.format, model: model)
    }
}

/// The result of ``ModelConverter``: the native JSON and the model it loads back to.
public struct ModelConversion: Sendable {
    /// The native file's bytes (UTF-8 JSON, ending in a newline).
    public let json: [UInt8]
    /// The provenance written into it (kept from the input when that was already native).
    public let provenance: ModelProvenance
    /// The detected format of the input.
    public let sourceFormat: ModelFormat
    /// The model loaded back from ``json`` (a ``TreeEnsembleModel`` or an ``ONNXModel``).
    public let model: any PredictiveModel
}

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
            throw error.at(file: path)
        }
    }

    /// Converts a model from its file bytes.
    /// - Parameter sourceFile: the file name recorded in the provenance (nil: none).
    /// - Throws: ``ModelLoadingError`` when the bytes are not a valid supported model.
    public static func convert(bytes: [UInt8], sourceFile: String? = nil) throws -> ModelConversion {
        var format = try ModelLoader.detectFormat(of: bytes)
        var doc: _JSONDocument?
        if format == .xgboostJSON || format == .swiftMLOpsJSON {
            let parsed = try _JSONParser.parse(bytes)
            if _NativeHeader.isNative(parsed) { format = .swiftMLOpsJSON }
            doc = parsed
        }
        var w = _NativeJSONWriter()
        let header: _NativeHeader
        switch format {
        case .swiftMLOpsJSON:
            guard let doc else { throw ModelLoadingError(.malformed, "the native file could not be parsed") }
            header = try _NativeHeader.read(doc)
            let r = _NativeReader(doc: doc)
            let model = try r.object(doc.root, "model", "")
            if try _NativeModelReader.modelType(model, r) == "tree_ensemble" {
                let loaded = try _NativeTreeReader.read(model, r, header: header, keepRawTrees: true)
                header.write(into: &w)
                _NativeTreeWriter.write(loaded, into: &w)
            } else {
                let proto = try _NativeONNX.proto(model, r)
                _ = try _NativeONNX.load(model, r, header: header)
                header.write(into: &w)
                try _NativeONNX.write(proto, into: &w)
            }
        case .onnx:
            let proto = try _ONNXPlan.decode(bytes)
            let onnx = try ONNXModel(bytes: bytes)
            header = _NativeHeader(
                provenance: provenance(format, bytes, sourceFile), schema: onnx.schema, outputKind: onnx.outputKind,
                hasLinkFunction: onnx.hasLinkFunction)
            header.write(into: &w)
            try _NativeONNX.write(proto, into: &w)
        case .xgboostJSON, .xgboostUBJSON, .lightGBMText:
            let loaded: _LoadedTrees
            if let doc {
                loaded = try _XGBoostLoader.load(doc, format: .xgboostJSON, keepRawTrees: true)
            } else {
                loaded = try TreeEnsembleModel.load(bytes: bytes, format: format, keepRawTrees: true)
            }
            header = _NativeHeader(
                provenance: provenance(format, bytes, sourceFile), schema: loaded.schema, outputKind: loaded.outputKind,
                hasLinkFunction: loaded.hasLinkFunction)
            header.write(into: &w)
            _NativeTreeWriter.write(loaded, into: &w)
        case .auto:
            throw ModelLoadingError(.unrecognizedFormat, "the model format could not be detected")
        }
        w.raw("\n}\n")
        // The output must load: a converter bug surfaces here, not in a later deployment.
        let model = try ModelLoader.load(bytes: w.bytes, format: .swiftMLOpsJSON)
        return ModelConversion(json: w.bytes, provenance: header.provenance, sourceFormat: format, model: model)
    }

    private static func provenance(_ format: ModelFormat, _ bytes: [UInt8], _ file: String?) -> ModelProvenance {
        ModelProvenance(
            sourceFormat: format, sourceSHA256: FileDigest.sha256Hex(of: bytes), sourceFile: file, convertedBy: converterName)
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

import MLCore

/// A model file read for writing in the native format: the header it will get and its
/// model section's content (raw trees kept, or the ONNX `ModelProto`).
enum _NativeSource {
    case trees(header: _NativeHeader, loaded: _LoadedTrees, format: ModelFormat)
    case onnx(header: _NativeHeader, proto: Onnx_ModelProto, format: ModelFormat)

    var header: _NativeHeader {
        switch self {
        case .trees(let h, _, _), .onnx(let h, _, _): return h
        }
    }

    var format: ModelFormat {
        switch self {
        case .trees(_, _, let f), .onnx(_, _, let f): return f
        }
    }

    /// Reads any supported file. A native file keeps its provenance; others get a new one.
    static func read(bytes: [UInt8], sourceFile: String?) throws -> _NativeSource {
        var format = try ModelLoader.detectFormat(of: bytes)
        var doc: _JSONDocument?
        if format == .xgboostJSON || format == .swiftMLOpsJSON {
            let parsed = try _JSONParser.parse(bytes)
            if _NativeHeader.isNative(parsed) { format = .swiftMLOpsJSON }
            doc = parsed
        }
        func provenance() -> ModelProvenance {
            ModelProvenance(
                sourceFormat: format, sourceSHA256: FileDigest.sha256Hex(of: bytes), sourceFile: sourceFile,
                convertedBy: ModelConverter.converterName)
        }
        switch format {
        case .swiftMLOpsJSON:
            guard let doc else { throw ModelLoadingError(.malformed, "the native file could not be parsed") }
            let header = try _NativeHeader.read(doc)
            let r = _NativeReader(doc: doc)
            let model = try r.object(doc.root, "model", "")
            if try _NativeModelReader.modelType(model, r) == "tree_ensemble" {
                return .trees(header: header, loaded: try _NativeTreeReader.read(model, r, header: header, keepRawTrees: true), format: format)
            }
            _ = try _NativeONNX.load(model, r, header: header)
            return .onnx(header: header, proto: try _NativeONNX.proto(model, r), format: format)
        case .onnx:
            let proto = try _ONNXPlan.decode(bytes)
            let onnx = try ONNXModel(bytes: bytes)
            let header = _NativeHeader(
                provenance: provenance(), schema: onnx.schema, outputKind: onnx.outputKind, hasLinkFunction: onnx.hasLinkFunction)
            return .onnx(header: header, proto: proto, format: format)
        case .xgboostJSON, .xgboostUBJSON, .lightGBMText:
            let loaded: _LoadedTrees
            if let doc {
                loaded = try _XGBoostLoader.load(doc, format: .xgboostJSON, keepRawTrees: true)
            } else {
                loaded = try TreeEnsembleModel.load(bytes: bytes, format: format, keepRawTrees: true)
            }
            let header = _NativeHeader(
                provenance: provenance(), schema: loaded.schema, outputKind: loaded.outputKind,
                hasLinkFunction: loaded.hasLinkFunction)
            return .trees(header: header, loaded: loaded, format: format)
        case .auto:
            throw ModelLoadingError(.unrecognizedFormat, "the model format could not be detected")
        }
    }

    /// Reads a tree ensemble. - Throws: ``ModelLoadingError/Code/unsupported`` for ONNX.
    static func trees(bytes: [UInt8], sourceFile: String?) throws -> (header: _NativeHeader, loaded: _LoadedTrees) {
        switch try read(bytes: bytes, sourceFile: sourceFile) {
        case .trees(let header, let loaded, _): return (header, loaded)
        case .onnx:
            throw ModelLoadingError(
                .unsupported, "threshold quantization applies to tree ensembles (XGBoost, LightGBM, their native files); this is an ONNX graph")
        }
    }

    /// The native JSON of this source.
    func json() throws -> [UInt8] {
        var w = _NativeJSONWriter()
        header.write(into: &w)
        switch self {
        case .trees(_, let loaded, _):
            let binned = loaded.quantized ? try _BinnedForest(loaded.forest) : nil
            _NativeTreeWriter.write(loaded, quantization: binned, into: &w)
        case .onnx(_, let proto, _):
            try _NativeONNX.write(proto, into: &w)
        }
        w.raw("\n}\n")
        return w.bytes
    }
}

/// Loads native model documents (``ModelFormat/swiftMLOpsJSON``).
enum _NativeModelReader {
    static func isNative(_ doc: _JSONDocument) -> Bool { _NativeHeader.isNative(doc) }

    /// The model of a native document: a ``TreeEnsembleModel`` or an ``ONNXModel``.
    static func load(_ doc: _JSONDocument) throws -> any PredictiveModel {
        let header = try _NativeHeader.read(doc)
        let r = _NativeReader(doc: doc)
        let model = try r.object(doc.root, "model", "")
        switch try modelType(model, r) {
        case "tree_ensemble":
            let loaded = try _NativeTreeReader.read(model, r, header: header, keepRawTrees: false)
            let trees = TreeEnsembleModel(loaded: loaded)
            return loaded.quantized ? try QuantizedTreeEnsembleModel(quantizing: trees) : trees
        default:
            return try _NativeONNX.load(model, r, header: header)
        }
    }

    /// The trees of a native tree-ensemble document.
    /// - Throws: ``ModelLoadingError/Code/unsupported`` when the document holds an ONNX graph.
    static func loadTrees(_ doc: _JSONDocument, keepRawTrees: Bool) throws -> _LoadedTrees {
        let header = try _NativeHeader.read(doc)
        let r = _NativeReader(doc: doc)
        let model = try r.object(doc.root, "model", "")
        guard try modelType(model, r) == "tree_ensemble" else {
            throw ModelLoadingError(.unsupported, "the native file holds an ONNX graph, not a tree ensemble", key: "model.type")
        }
        return try _NativeTreeReader.read(model, r, header: header, keepRawTrees: keepRawTrees)
    }

    static func modelType(_ model: _JSONValue, _ r: _NativeReader) throws -> String {
        let type = try r.string(model, "type", "model")
        guard type == "tree_ensemble" || type == "onnx" else {
            throw ModelLoadingError(.unsupported, "unknown model type '\(type)' (tree_ensemble and onnx are known)", key: "model.type")
        }
        return type
    }
}

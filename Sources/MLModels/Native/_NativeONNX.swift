import SwiftProtobuf

/// The `model` section of an ONNX model: the whole `ModelProto` in protobuf's canonical
/// JSON mapping (graph nodes with their attributes, initializers, inputs and outputs,
/// opsets), indented. Initializer and attribute tensors keep protobuf's mapping: `raw_data`
/// as base64, typed lists as numbers. Loading decodes it back into a `ModelProto` and runs the
/// same graph validation as an `.onnx` file.
enum _NativeONNX {
    /// Writes `{"type": "onnx", "onnx": {…}}` for `proto`.
    static func write(_ proto: Onnx_ModelProto, into w: inout _NativeJSONWriter) throws {
        let json: [UInt8]
        do {
            json = try proto.jsonUTF8Bytes()
        } catch {
            throw ModelLoadingError(.unsupported, "the ONNX model has no JSON form (\(error))")
        }
        let doc = try _JSONParser.parse(json)
        w.raw("{\n    \"type\": \"onnx\",\n    \"onnx\": ")
        w.value(doc.root, doc: doc, indent: 2)
        w.raw("\n  }")
    }

    /// The `ModelProto` of a native ONNX section.
    static func proto(_ model: _JSONValue, _ r: _NativeReader) throws -> Onnx_ModelProto {
        let value = try r.object(model, "onnx", "model")
        var w = _NativeJSONWriter()
        w.value(value, doc: r.doc, indent: 0)
        do {
            var options = JSONDecodingOptions()
            options.messageDepthLimit = 64
            return try Onnx_ModelProto(jsonUTF8Bytes: w.bytes, options: options)
        } catch {
            throw ModelLoadingError(.malformed, "model.onnx is not a valid ONNX ModelProto in JSON (\(error))", key: "model.onnx")
        }
    }

    /// Loads the ONNX model of a native file and checks it against the header.
    static func load(_ model: _JSONValue, _ r: _NativeReader, header: _NativeHeader) throws -> ONNXModel {
        let proto = try proto(model, r)
        let bytes: [UInt8]
        do {
            bytes = try proto.serializedBytes()
        } catch {
            throw ModelLoadingError(.malformed, "model.onnx cannot be serialized (\(error))", key: "model.onnx")
        }
        var onnx = try ONNXModel(bytes: bytes)
        guard onnx.schema.featureCount == header.schema.featureCount else {
            throw ModelLoadingError(
                .inconsistent, "schema.feature_count is \(header.schema.featureCount), the graph takes \(onnx.schema.featureCount)", key: "schema.feature_count")
        }
        guard onnx.outputKind == header.outputKind, onnx.hasLinkFunction == header.hasLinkFunction else {
            throw ModelLoadingError(
                .inconsistent, "output says \(header.outputKind.name), the graph gives \(onnx.outputKind.name)", key: "output")
        }
        onnx.schema = header.schema
        var d = onnx.modelDescription
        d.format = .swiftMLOpsJSON
        d.featureNames = header.schema.featureNames
        header.addProvenance(to: &d.details)
        onnx.modelDescription = d
        return onnx
    }
}

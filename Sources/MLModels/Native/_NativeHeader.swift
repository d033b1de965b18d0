/// The sections every native file has besides `model`: format name and version,
/// provenance, input schema and output kind.
struct _NativeHeader: Sendable {
    static let formatName = "swift-mlops-model"
    static let version = 1
    /// `ModelDescription.details` keys that carry the provenance of a loaded native model
    /// (added on reading, never written into `model.details`).
    static let provenanceDetailKeys: Set<String> = ["source_format", "source_sha256", "source_file", "native_format_version"]

    var provenance: ModelProvenance
    var schema: InputSchema
    var outputKind: OutputKind
    var hasLinkFunction: Bool

    /// Whether `doc` is a native model (its root has `"format": "swift-mlops-model"`).
    static func isNative(_ doc: _JSONDocument) -> Bool {
        if case .string(let s)? = doc.root["format"] { return s == formatName }
        return false
    }

    /// Whether `bytes` from `start` (the first `{`) begin `{"format": "swift-mlops-model"`,
    /// as the writer emits them (whitespace allowed between tokens).
    static func hasNativePrefix(_ bytes: [UInt8], at start: Int) -> Bool {
        var i = start + 1
        func skip() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }
        func expect(_ text: String) -> Bool {
            for c in text.utf8 {
                guard i < bytes.count, bytes[i] == c else { return false }
                i += 1
            }
            return true
        }
        skip()
        guard expect("\"format\"") else { return false }
        skip()
        guard expect(":") else { return false }
        skip()
        return expect("\"" + formatName + "\"")
    }

    static func read(_ doc: _JSONDocument) throws -> _NativeHeader {
        let r = _NativeReader(doc: doc)
        let root = doc.root
        guard case .object = root else {
            throw ModelLoadingError(.malformed, "the document is a \(root.typeName), not a model object")
        }
        guard try r.string(root, "format", "") == formatName else {
            throw ModelLoadingError(.unrecognizedFormat, "'format' is not \"\(formatName)\"", key: "format")
        }
        let version = try r.int(root, "version", "", range: Int(Int32.min)...Int(Int32.max))
        guard version == Self.version else {
            throw ModelLoadingError(
                .unsupported, "native model format version \(version) is not supported (this SDK reads version \(Self.version))", key: "version")
        }
        let p = try r.object(root, "provenance", "")
        let formatText = try r.string(p, "source_format", "provenance")
        // `swift-mlops-json` names a model written natively (trained by MLTraining), not converted.
        guard let sourceFormat = ModelFormat(rawValue: formatText), sourceFormat != .auto else {
            throw r.fail(.invalidValue, "provenance.source_format", "'\(formatText)' is not a model format")
        }
        let sha = try r.string(p, "source_sha256", "provenance")
        guard sha.utf8.count == 64, sha.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw r.fail(.invalidValue, "provenance.source_sha256", "must be 64 lowercase hex digits")
        }
        let provenance = ModelProvenance(
            sourceFormat: sourceFormat, sourceSHA256: sha, sourceFile: try r.optionalString(p, "source_file", "provenance"),
            convertedBy: try r.string(p, "converted_by", "provenance"))
        let s = try r.object(root, "schema", "")
        let featureCount = try r.int(s, "feature_count", "schema", range: 0...(_Node.maximumFeatureCount - 1))
        try _LoadCost.checkFeatureCount(featureCount, fileSize: doc.size, key: "schema.feature_count")
        var names: [String]?
        if let n = s["feature_names"], !n.isNull {
            let list = try r.stringArray(n, "schema.feature_names")
            guard list.count == featureCount else {
                throw ModelLoadingError(
                    .inconsistent, "schema has \(list.count) feature names for \(featureCount) features", key: "schema.feature_names")
            }
            names = list
        }
        let output = try _NativeOutput.read(try r.object(root, "output", ""), r)
        return _NativeHeader(
            provenance: provenance, schema: InputSchema(featureCount: featureCount, featureNames: names),
            outputKind: output.kind, hasLinkFunction: output.hasLinkFunction)
    }

    /// Writes everything up to and including `"model": ` (the caller writes the section).
    func write(into w: inout _NativeJSONWriter) {
        typealias W = _NativeJSONWriter
        w.raw("{\n")
        w.raw("  \"format\": \(W.quoted(Self.formatName)),\n")
        w.raw("  \"version\": \(Self.version),\n")
        w.raw("  \"provenance\": {\"source_format\": \(W.quoted(provenance.sourceFormat.rawValue))")
        w.raw(", \"source_sha256\": \(W.quoted(provenance.sourceSHA256))")
        w.raw(", \"source_file\": \(provenance.sourceFile.map(W.quoted) ?? "null")")
        w.raw(", \"converted_by\": \(W.quoted(provenance.convertedBy))},\n")
        w.raw("  \"schema\": {\"feature_count\": \(schema.featureCount)")
        w.raw(", \"feature_names\": \(schema.featureNames.map(W.stringList) ?? "null")},\n")
        w.raw("  \"output\": ")
        _NativeOutput.write(outputKind, hasLinkFunction: hasLinkFunction, into: &w)
        w.raw(",\n  \"model\": ")
    }

    /// Adds the provenance to a loaded model's description details.
    func addProvenance(to details: inout [String: String]) {
        details["source_format"] = provenance.sourceFormat.rawValue
        details["source_sha256"] = provenance.sourceSHA256
        if let file = provenance.sourceFile { details["source_file"] = file }
        details["native_format_version"] = String(Self.version)
    }
}

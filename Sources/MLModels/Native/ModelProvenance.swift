/// Where a model in the native format (``ModelFormat/swiftMLOpsJSON``) came from.
///
/// Written once, when a model file of another format is converted; converting a native file
/// again keeps it unchanged, so the output is byte-identical. Holds no time stamp.
public struct ModelProvenance: Sendable, Equatable, Hashable, Codable {
    /// The format of the original file (`xgboost-json`, `lightgbm-text`, `onnx`, …).
    public var sourceFormat: ModelFormat
    /// SHA-256 of the original file's bytes, 64 lowercase hex digits.
    public var sourceSHA256: String
    /// The original file's name (last path component), when it came from a file.
    public var sourceFile: String?
    /// What wrote the native file (`swift-mlops ModelConverter`, format version 1).
    public var convertedBy: String

    /// Creates a provenance record.
    public init(sourceFormat: ModelFormat, sourceSHA256: String, sourceFile: String?, convertedBy: String) {
        self.sourceFormat = sourceFormat
        self.sourceSHA256 = sourceSHA256
        self.sourceFile = sourceFile
        self.convertedBy = convertedBy
    }

    enum CodingKeys: String, CodingKey {
        case sourceFormat = "source_format"
        case sourceSHA256 = "source_sha256"
        case sourceFile = "source_file"
        case convertedBy = "converted_by"
    }
}

import FoundationEssentials

/// How `model_versions.artifact_signature` stores a signature: `v2:<base64>` for scheme v2
/// (name, version and hash signed), plain base64 for scheme v1 (hash only, written before
/// v2). See ``ArtifactSigningKey`` for the two messages.
enum _StoredSignature {
    static let v2Prefix = "v2:"

    /// Whether the stored text is a valid signature by `key` of version `version` of
    /// `model` with artifact hash `sha`, under the scheme the text records.
    static func verifies(_ text: String, key: ArtifactVerificationKey, model: String, version: Int, sha256 sha: String)
        -> Bool
    {
        if text.hasPrefix(v2Prefix) {
            guard let raw = Data(base64Encoded: String(text.dropFirst(v2Prefix.count))) else { return false }
            return key.isValidSignature(Array(raw), model: model, version: version, sha256: sha)
        }
        guard let raw = Data(base64Encoded: text) else { return false }
        return key.isValidSignature(Array(raw), forSHA256: sha)
    }
}

import Crypto
import FoundationEssentials
import MLCore

/// An Ed25519 private key that signs artifacts on registration.
///
/// Key files are text: one line `mlregistry-ed25519-private <base64 of the 32-byte seed>`
/// (the public one: `mlregistry-ed25519-public <base64 of 32 bytes>`). Write them with
/// ``write(to:)`` (mode 0600 for the private key) or `mlctl registry keygen`.
///
/// What is signed (scheme v2, every signature made now): the UTF-8 text
/// `mlregistry-artifact-v2:<model name>:<version number>:<sha256 hex>`, so a signature covers
/// the exact bytes through their hash *and* the name and version they were registered as: it
/// cannot be replayed onto another model or version that holds the same bytes. The version
/// and hash hold no `:`, so the text parses from the right whatever the name holds.
///
/// Scheme v1 (registries written before v2): `mlregistry-artifact-v1:<sha256 hex>`, the
/// hash alone. Such signatures still verify, with their old meaning: "the key's holder
/// signed these bytes", not a name or version. The registry tells them apart by how the
/// signature is stored (`v2:<base64>` against plain base64).
public struct ArtifactSigningKey: Sendable {
    /// The 32-byte seed (Crypto's key types are not `Sendable`; the bytes are).
    let seed: [UInt8]

    var key: Curve25519.Signing.PrivateKey {
        get throws { try Curve25519.Signing.PrivateKey(rawRepresentation: seed) }
    }

    /// A new random key.
    public static func generate() -> ArtifactSigningKey {
        ArtifactSigningKey(seed: Array(Curve25519.Signing.PrivateKey().rawRepresentation))
    }

    init(seed: [UInt8]) {
        self.seed = seed
    }

    /// Reads a private key file.
    /// - Throws: ``RegistryError`` `.io` when unreadable, `.signatureInvalid` when it is not
    ///   a private key in this format (e.g. a public key file was given).
    public init(contentsOf path: String) throws {
        let raw = try _KeyFile.read(path: path, kind: "private")
        do {
            _ = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw RegistryError(.signatureInvalid, "not an Ed25519 private key", context: ["path": path])
        }
        seed = raw
    }

    /// The matching public key.
    public var verificationKey: ArtifactVerificationKey {
        // The seed was validated when this value was made.
        let publicKey = (try? key.publicKey.rawRepresentation).map { Array($0) } ?? []
        return ArtifactVerificationKey(raw: publicKey)
    }

    /// Writes the private key to `path` (mode 0600) atomically.
    public func write(to path: String) throws {
        try _KeyFile.write(kind: "private", raw: seed, to: path, mode: 0o600)
    }

    /// A scheme-v2 signature of version `version` of `model`, whose artifact hashes to `sha`.
    func signature(model: String, version: Int, sha256 sha: String) throws -> [UInt8] {
        try sign(ArtifactVerificationKey.message(model: model, version: version, sha256: sha))
    }

    /// A scheme-v1 signature (hash only): what registries wrote before v2. Kept to test that
    /// such signatures still verify; nothing signs with it.
    func legacySignature(forSHA256 sha: String) throws -> [UInt8] {
        try sign(ArtifactVerificationKey.message(forSHA256: sha))
    }

    private func sign(_ message: String) throws -> [UInt8] {
        do {
            return Array(try key.signature(for: Array(message.utf8)))
        } catch {
            throw RegistryError(.signatureInvalid, "signing failed: \(error)")
        }
    }
}

/// An Ed25519 public key that verifies artifact signatures.
public struct ArtifactVerificationKey: Sendable, Hashable {
    /// The 32 raw bytes (Crypto's key types are not `Sendable`; the bytes are).
    let raw: [UInt8]

    init(raw: [UInt8]) {
        self.raw = raw
    }

    /// A key from its 32 raw bytes.
    /// - Throws: ``RegistryError`` `.signatureInvalid` when the bytes are not a public key.
    public init(rawRepresentation: [UInt8]) throws {
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)) != nil else {
            throw RegistryError(.signatureInvalid, "not an Ed25519 public key")
        }
        raw = rawRepresentation
    }

    /// Reads a public key file.
    /// - Throws: ``RegistryError`` `.io` when unreadable, `.signatureInvalid` when it is not
    ///   a public key in this format.
    public init(contentsOf path: String) throws {
        let bytes = try _KeyFile.read(path: path, kind: "public")
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil else {
            throw RegistryError(.signatureInvalid, "not an Ed25519 public key", context: ["path": path])
        }
        raw = bytes
    }

    /// The 32 raw bytes.
    public var rawRepresentation: [UInt8] { raw }

    /// A short id: the first 16 hex digits of the SHA-256 of the raw key.
    public var keyID: String { String(_SHA256Hex.hex(SHA256.hash(data: rawRepresentation)).prefix(16)) }

    /// Writes the public key to `path` atomically.
    public func write(to path: String) throws {
        try _KeyFile.write(kind: "public", raw: rawRepresentation, to: path, mode: 0o644)
    }

    /// Whether `signature` is a scheme-v1 signature of the artifact with this SHA-256 (the
    /// hash alone; see ``ArtifactSigningKey``).
    public func isValidSignature(_ signature: [UInt8], forSHA256 sha: String) -> Bool {
        isValid(signature, Self.message(forSHA256: sha))
    }

    /// Whether `signature` is a scheme-v2 signature of version `version` of `model`, whose
    /// artifact has this SHA-256.
    public func isValidSignature(_ signature: [UInt8], model: String, version: Int, sha256 sha: String) -> Bool {
        isValid(signature, Self.message(model: model, version: version, sha256: sha))
    }

    private func isValid(_ signature: [UInt8], _ message: String) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: Array(message.utf8))
    }

    static func message(forSHA256 sha: String) -> String {
        "mlregistry-artifact-v1:" + sha
    }

    static func message(model: String, version: Int, sha256 sha: String) -> String {
        "mlregistry-artifact-v2:\(model):\(version):\(sha)"
    }
}

/// The one-line key file format.
enum _KeyFile {
    static func read(path: String, kind: String) throws -> [UInt8] {
        let text = String(decoding: try _FileIO.readAll(path: path), as: UTF8.self)
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        let header = "mlregistry-ed25519-" + kind
        guard parts.count == 2, parts[0] == header, let raw = Data(base64Encoded: String(parts[1])), raw.count == 32
        else {
            throw RegistryError(
                .signatureInvalid, "not an Ed25519 \(kind) key file (expected '\(header) <base64>')",
                context: ["path": path])
        }
        return Array(raw)
    }

    static func write(kind: String, raw: [UInt8], to path: String, mode: UInt32) throws {
        let line = "mlregistry-ed25519-\(kind) \(Data(raw).base64EncodedString())\n"
        try _FileIO.writeAtomically(Array(line.utf8), to: path, mode: mode)
    }
}

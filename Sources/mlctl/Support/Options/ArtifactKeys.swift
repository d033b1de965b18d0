import ArgumentParser
import MLRegistry

/// `--verify-key PUB` (repeatable): public keys whose signature an artifact must carry.
struct TrustedKeys: ParsableArguments {
    @Option(help: "Trusted Ed25519 public key file (repeatable); the artifact must be signed by one of them.")
    var verifyKey: [String] = []

    /// The keys, read from their files.
    func keys() throws -> [ArtifactVerificationKey] { try verifyKey.map { try ArtifactVerificationKey(contentsOf: $0) } }
}

/// `[--sign-key KEY]`: the private key a new version's artifact is signed with.
struct SigningKeyOption: ParsableArguments {
    @Option(help: "Ed25519 private key file to sign the artifact with.")
    var signKey: String?

    /// The key, read from its file, or `nil` for an unsigned artifact.
    func key() throws -> ArtifactSigningKey? { try signKey.map { try ArtifactSigningKey(contentsOf: $0) } }
}

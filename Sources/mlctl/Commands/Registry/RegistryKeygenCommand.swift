import ArgumentParser
import FoundationEssentials
import MLRegistry

/// `mlctl registry keygen`: an Ed25519 key pair for signing artifacts.
struct RegistryKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write an Ed25519 key pair: PATH (private, mode 0600) and PATH.pub.",
        discussion: "Sign with 'register --sign-key PATH'; verify with 'show --verify-key PATH.pub' or 'export --verify-key'."
    )

    @Option(help: "Private key file to write (the public key goes to <out>.pub).")
    var out: String

    @Flag(help: "Overwrite existing files.")
    var force = false

    @OptionGroup var jsonOutput: JSONOutput

    struct Report: Encodable {
        let privateKey: String
        let publicKey: String
        let keyID: String

        enum CodingKeys: String, CodingKey {
            case privateKey = "private_key"
            case publicKey = "public_key"
            case keyID = "key_id"
        }
    }

    func run() throws {
        let publicPath = out + ".pub"
        if !force {
            for path in [out, publicPath] where FileManager.default.fileExists(atPath: path) {
                throw InputError("\(path) exists (use --force to overwrite)")
            }
        }
        let key = ArtifactSigningKey.generate()
        try key.write(to: out)
        try key.verificationKey.write(to: publicPath)
        let report = Report(privateKey: out, publicKey: publicPath, keyID: key.verificationKey.keyID)
        try jsonOutput.emit(report) {
            print("private key: \(out)")
            print("public key:  \(publicPath)")
            print("key id:      \(report.keyID)")
        }
    }

}

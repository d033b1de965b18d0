import ArgumentParser
import MLRegistry

/// `mlctl registry register`: add a model version.
struct RegistryRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a model file as the next version of a model; prints the version number.",
        discussion: """
            The file is copied into the content-addressed artifact store and hashed. --metrics takes a JSON \
            object (numbers, nested objects flattened with '.'); --evidence a JSON object of evidence kinds, \
            each {"passed": true|false, …}; --sign-key a private key from 'mlctl registry keygen'.
            """
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name (created on its first version).")
    var name: String

    @Option(help: "The model file.")
    var model: String

    @OptionGroup var records: VersionRecords

    @Option(name: .customLong("run"), help: "The run id that produced the model.")
    var runID: Int?

    @Option(help: "Artifact format (xgboost-json, lightgbm-text, onnx, …).")
    var format: String?

    @Option(help: "The feature-set version the model expects.")
    var featureSetVersion: String?

    @Option(help: "JSON file with the input/output signature.")
    var signature: String?

    @Option(help: "A description.")
    var description: String?

    @OptionGroup var signing: SigningKeyOption

    func run() throws {
        let registry = try options.open()
        var registration = Registration(
            name: name, artifactPath: model, runID: runID, format: format, featureSetVersion: featureSetVersion,
            description: description)
        try records.apply(to: &registration)
        if let signature { registration.signature = try RegistryJSON.read(fileAt: signature) }
        registration.signingKey = try signing.key()
        let version = try registry.register(registration, actor: options.actor)
        try options.emit(version) { print(version.version) }
    }
}

/// `mlctl registry evidence`: record more evidence for a version.
struct RegistryEvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Record evidence for an existing version (a kind already recorded is replaced)."
    )

    @OptionGroup var options: RegistryOptions

    @OptionGroup var target: NumberedVersion

    @Option(help: "JSON file of evidence kinds, each {\"passed\": true|false, …}.")
    var evidence: String

    func run() throws {
        let updated = try options.open().addEvidence(
            try Evidence.read(fileAt: evidence), model: target.name, version: target.version, actor: options.actor)
        try options.emit(updated) {
            for kind in updated.evidence.items.keys.sorted() {
                print("\(kind): \(updated.evidence.items[kind]?.passed == true ? "passed" : "failed")")
            }
        }
    }
}

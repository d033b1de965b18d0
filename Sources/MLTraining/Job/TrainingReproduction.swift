import MLCore

/// The result of re-running a training from its manifest (`mlctl reproduce`).
public struct TrainingReproduction: Sendable, Equatable, Codable {
    /// Whether the new model file has the manifest's SHA-256.
    public let reproduced: Bool
    /// The manifest's model SHA-256.
    public let expectedModelSHA256: String
    /// The re-run's.
    public let actualModelSHA256: String
    /// What differs between then and now: input files, configuration, environment (empty when
    /// nothing that the manifest records differs).
    public let differences: [String]

    enum CodingKeys: String, CodingKey {
        case reproduced, differences
        case expectedModelSHA256 = "expected_model_sha256"
        case actualModelSHA256 = "actual_model_sha256"
    }

    /// Compares the manifest with the current inputs and environment, re-runs the training and
    /// compares the model hash.
    /// - Throws: ``TrainingError`` when the manifest's config is invalid or the data cannot be
    ///   trained on any more (a missing input file names the file).
    public static func run(
        _ manifest: TrainingManifest, evaluate: ([Double], [Double], TrainedModel) throws -> [String: Double]
    ) throws -> (TrainingReproduction, TrainingJob.Outcome) {
        var differences: [String] = []
        let config = try manifest.trainingConfig()
        if config.sha256 != manifest.configSHA256 {
            differences.append("config: the embedded configuration hashes to \(config.sha256), the manifest says \(manifest.configSHA256)")
        }
        for input in manifest.inputs {
            guard _Platform.exists(input.path) else {
                throw TrainingError(.invalidData, "the \(input.role) file is gone (manifest SHA-256 \(input.sha256))", path: input.path)
            }
            let now = try FileDigest.sha256Hex(ofFileAt: input.path)
            if now != input.sha256 {
                differences.append("data: \(input.role) file \(input.path) changed (SHA-256 \(input.sha256) then, \(now) now)")
            }
        }
        let here = EnvironmentSnapshot.capture()
        let then = manifest.environment
        let fields: [(String, String?, String?)] = [
            ("os", then.os, here.os), ("kernel", then.kernel, here.kernel), ("architecture", then.architecture, here.architecture),
            ("cpu model", then.cpuModel, here.cpuModel), ("swift", then.swiftVersion, here.swiftVersion), ("blas", then.blas, here.blas),
            ("sdk version", then.sdkVersion, here.sdkVersion), ("git revision", then.gitRevision, here.gitRevision),
        ]
        for (name, a, b) in fields where a != b {
            differences.append("environment: \(name) was \(a ?? "unknown"), is \(b ?? "unknown")")
        }
        let outcome = try TrainingJob(config: config).run(evaluate: evaluate)
        let actual = outcome.manifest.model.sha256
        let same = actual == manifest.model.sha256
        if !same && differences.isEmpty {
            differences.append("nothing recorded differs (same data, configuration and environment): the training is not deterministic")
        }
        return (
            TrainingReproduction(
                reproduced: same, expectedModelSHA256: manifest.model.sha256, actualModelSHA256: actual, differences: differences),
            outcome
        )
    }
}

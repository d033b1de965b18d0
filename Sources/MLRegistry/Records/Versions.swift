// Registered models, their versions, and the history of their aliases and stages.

/// What to register (see ``ModelRegistry/register(_:actor:)``).
public struct Registration: Sendable {
    /// The registered model's name; created on its first version.
    public var name: String
    /// The model file to copy into the artifact store.
    public var artifactPath: String
    /// Evaluation metrics (finite values).
    public var metrics: [String: Double]
    /// Gate, export-validation and calibration results.
    public var evidence: Evidence
    /// The run that produced it, if recorded.
    public var runID: Int?
    /// The artifact's format (`xgboost-json`, `lightgbm-text`, `onnx`, …), free text.
    public var format: String?
    /// The feature-set version the model expects.
    public var featureSetVersion: String?
    /// Input/output signature, free-form JSON (e.g. `{"inputs": [...], "outputs": [...]}`).
    public var signature: RegistryJSON?
    /// A description.
    public var description: String?
    /// A key to sign the artifact's hash with (Ed25519), or `nil` for unsigned.
    public var signingKey: ArtifactSigningKey?

    /// A registration of `artifactPath` under `name`; everything else optional.
    public init(
        name: String, artifactPath: String, metrics: [String: Double] = [:], evidence: Evidence = Evidence(),
        runID: Int? = nil, format: String? = nil, featureSetVersion: String? = nil, signature: RegistryJSON? = nil,
        description: String? = nil, signingKey: ArtifactSigningKey? = nil
    ) {
        self.name = name
        self.artifactPath = artifactPath
        self.metrics = metrics
        self.evidence = evidence
        self.runID = runID
        self.format = format
        self.featureSetVersion = featureSetVersion
        self.signature = signature
        self.description = description
        self.signingKey = signingKey
    }
}

/// A registered model: a name under which numbered versions accumulate.
public struct RegisteredModel: Sendable, Hashable, Codable {
    /// The name.
    public var name: String
    /// Number of versions that exist now.
    public var versionCount: Int
    /// The highest version number ever given (numbers are never reused).
    public var lastVersion: Int
    /// Alias names and the version each points to.
    public var aliases: [String: Int]
    /// When it was created.
    public var createdAt: RegistryTimestamp
    /// Who created it.
    public var createdBy: String

    enum CodingKeys: String, CodingKey {
        case name, aliases
        case versionCount = "version_count"
        case lastVersion = "last_version"
        case createdAt = "created_at"
        case createdBy = "created_by"
    }
}

/// One version of a registered model.
public struct ModelVersion: Sendable, Hashable, Codable {
    /// The model's name.
    public var name: String
    /// The version number: 1, 2, 3… per model, never reused.
    public var version: Int
    /// The run that produced it.
    public var runID: Int?
    /// Lowercase hexadecimal SHA-256 of the artifact's bytes.
    public var artifactSHA256: String
    /// The artifact's size in bytes.
    public var artifactSize: Int
    /// The artifact's format, free text (`xgboost-json`, `onnx`, …).
    public var format: String?
    /// Evaluation metrics by name.
    public var metrics: [String: Double]
    /// The feature-set version the model expects.
    public var featureSetVersion: String?
    /// Input/output signature (free-form JSON).
    public var signature: RegistryJSON?
    /// A description.
    public var description: String?
    /// Gate, export-validation and calibration results.
    public var evidence: Evidence
    /// The current stage.
    public var stage: ModelStage
    /// Aliases pointing to it now, sorted.
    public var aliases: [String]
    /// The Ed25519 key id that signed the artifact's hash, or `nil` when unsigned.
    public var signingKeyID: String?
    /// When it was created.
    public var createdAt: RegistryTimestamp
    /// Who created it.
    public var createdBy: String

    enum CodingKeys: String, CodingKey {
        case name, version, format, metrics, signature, description, evidence, stage, aliases
        case runID = "run_id"
        case artifactSHA256 = "artifact_sha256"
        case artifactSize = "artifact_size"
        case featureSetVersion = "feature_set_version"
        case signingKeyID = "signing_key_id"
        case createdAt = "created_at"
        case createdBy = "created_by"
    }
}

/// The metrics of two versions side by side.
public struct MetricComparison: Sendable, Hashable, Codable {
    /// One metric: its value in each version (`nil` when absent) and `b − a`.
    public struct Row: Sendable, Hashable, Codable {
        /// The metric name.
        public var metric: String
        /// Its value in version a, `nil` when absent.
        public var a: Double?
        /// Its value in version b, `nil` when absent.
        public var b: Double?
        /// `b − a`, when both exist.
        public var delta: Double?
    }

    /// The name.
    public var name: String
    /// Version number a.
    public var a: Int
    /// Version number b.
    public var b: Int
    /// Every metric either version has, sorted by name.
    public var metrics: [Row]
}

/// One move of an alias: from which version to which, when, by whom and why.
public struct AliasMove: Sendable, Hashable, Codable {
    /// The alias name.
    public var alias: String
    /// The version that held the alias before, `nil` when it was new.
    public var fromVersion: Int?
    /// The version that holds it after, `nil` when the alias was removed.
    public var toVersion: Int?
    /// When the move happened.
    public var movedAt: RegistryTimestamp
    /// Who acted.
    public var actor: String
    /// Why, as given (an override's reason for forced moves).
    public var reason: String?
    /// Whether a failed gate was overridden.
    public var forced: Bool
    /// `set`, `rollback` or `remove`.
    public var kind: String

    enum CodingKeys: String, CodingKey {
        case alias, actor, reason, forced, kind
        case fromVersion = "from_version"
        case toVersion = "to_version"
        case movedAt = "moved_at"
    }
}

/// One stage transition of a version.
public struct StageMove: Sendable, Hashable, Codable {
    /// The version number.
    public var version: Int
    /// The stage before.
    public var fromStage: ModelStage
    /// The stage after.
    public var toStage: ModelStage
    /// When the move happened.
    public var movedAt: RegistryTimestamp
    /// Who acted.
    public var actor: String
    /// Why, as given (an override's reason for forced moves).
    public var reason: String?
    /// Whether a failed gate was overridden.
    public var forced: Bool

    enum CodingKeys: String, CodingKey {
        case version, actor, reason, forced
        case fromStage = "from_stage"
        case toStage = "to_stage"
        case movedAt = "moved_at"
    }
}

/// Where a version came from and where it went: dataset hashes → run → version →
/// deployments → predictions.
public struct Lineage: Sendable, Equatable, Codable {
    /// The version number.
    public var version: ModelVersion
    /// The run that produced the version, if recorded.
    public var run: Run?
    /// Datasets read, by content hash.
    public var datasets: [TrainingDataset]
    /// Deployments of the version, oldest first.
    public var deployments: [Deployment]
    /// Predictions logged for the version, and how many of them have feedback.
    public var predictionCount: Int
    /// How many of those predictions have feedback.
    public var feedbackCount: Int
    /// When the first and the last prediction were logged (`nil` when none).
    public var firstPredictionAt: RegistryTimestamp?
    /// See ``firstPredictionAt``.
    public var lastPredictionAt: RegistryTimestamp?

    enum CodingKeys: String, CodingKey {
        case version, run, datasets, deployments
        case predictionCount = "prediction_count"
        case feedbackCount = "feedback_count"
        case firstPredictionAt = "first_prediction_at"
        case lastPredictionAt = "last_prediction_at"
    }
}

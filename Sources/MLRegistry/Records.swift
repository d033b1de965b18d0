import MLCore

/// A named group of runs (e.g. one model family's tuning), created on its first run.
public struct Experiment: Sendable, Hashable, Codable {
    /// Row id.
    public var id: Int
    /// Unique name.
    public var name: String
    /// Number of runs recorded in it (the trial count the deflated-Sharpe gate uses).
    public var runCount: Int
    /// When it was created, and by whom.
    public var createdAt: RegistryTimestamp
    /// Who created it.
    public var createdBy: String

    enum CodingKeys: String, CodingKey {
        case id, name
        case runCount = "run_count"
        case createdAt = "created_at"
        case createdBy = "created_by"
    }
}

/// The state of a training run.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running, finished, failed, killed
}

/// One value of a run metric: the key, the value, the training step and when it was logged.
public struct MetricPoint: Sendable, Hashable, Codable {
    /// The metric name.
    public var key: String
    /// The value (finite).
    public var value: Double
    /// The training step (0 when the metric is not per-step).
    public var step: Int
    /// When it was logged.
    public var timestamp: RegistryTimestamp

    /// A point; `timestamp` defaults to now.
    public init(key: String, value: Double, step: Int = 0, timestamp: RegistryTimestamp = .now()) {
        self.key = key
        self.value = value
        self.step = step
        self.timestamp = timestamp
    }
}

/// A dataset a run read, identified by its content hash.
public struct TrainingDataset: Sendable, Hashable, Codable {
    /// Row id (0 until recorded).
    public var id: Int
    /// A name (e.g. the file name).
    public var name: String
    /// Where it was read from, if a file.
    public var path: String?
    /// Lowercase hexadecimal SHA-256 of its bytes.
    public var sha256: String
    /// Number of rows, when known.
    public var rows: Int?
    /// Column names and types, free-form JSON, when known.
    public var schema: RegistryJSON?
    /// How the run used it: `train`, `validation`, `test`, …
    public var role: String

    /// A dataset reference to record with a run.
    public init(
        name: String, sha256: String, path: String? = nil, rows: Int? = nil, schema: RegistryJSON? = nil,
        role: String = "train"
    ) {
        self.id = 0
        self.name = name
        self.path = path
        self.sha256 = sha256
        self.rows = rows
        self.schema = schema
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case id, name, path, sha256, rows, schema, role
    }
}

/// What to record for a training run (see ``ModelRegistry/logRun(_:actor:)``).
public struct RunRequest: Sendable {
    /// The experiment's name; created when new.
    public var experiment: String
    /// An optional display name.
    public var name: String?
    /// Hyperparameters and settings, by name.
    public var params: [String: String]
    /// Metric values (each with step and timestamp).
    public var metrics: [MetricPoint]
    /// Free-form labels.
    public var tags: [String: String]
    /// Datasets read, by content hash.
    public var datasets: [TrainingDataset]
    /// Where the run happened.
    public var environment: EnvironmentSnapshot?
    /// The run's status (default `.finished`: logged after the fact).
    public var status: RunStatus
    /// Start and end (default: now, and now when the status is not `.running`).
    public var startedAt: RegistryTimestamp?
    /// When it ended (`nil` while running).
    public var endedAt: RegistryTimestamp?

    /// A run request for `experiment`; everything else optional.
    public init(
        experiment: String, name: String? = nil, params: [String: String] = [:], metrics: [MetricPoint] = [],
        tags: [String: String] = [:], datasets: [TrainingDataset] = [], environment: EnvironmentSnapshot? = nil,
        status: RunStatus = .finished, startedAt: RegistryTimestamp? = nil, endedAt: RegistryTimestamp? = nil
    ) {
        self.experiment = experiment
        self.name = name
        self.params = params
        self.metrics = metrics
        self.tags = tags
        self.datasets = datasets
        self.environment = environment
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}

/// A recorded training run.
public struct Run: Sendable, Equatable, Codable {
    /// Row id.
    public var id: Int
    /// The experiment's name.
    public var experiment: String
    /// The name.
    public var name: String?
    /// The status.
    public var status: RunStatus
    /// Hyperparameters and settings, by name.
    public var params: [String: String]
    /// Free-form labels.
    public var tags: [String: String]
    /// Every metric point, ordered by key, step and time.
    public var metrics: [MetricPoint]
    /// Datasets read, by content hash.
    public var datasets: [TrainingDataset]
    /// Where it ran (the environment snapshot), if recorded.
    public var environment: EnvironmentSnapshot?
    /// When it started.
    public var startedAt: RegistryTimestamp
    /// When it ended (`nil` while running).
    public var endedAt: RegistryTimestamp?
    /// Who created it.
    public var createdBy: String

    /// The last logged value of each metric (highest step, then latest time).
    public var latestMetrics: [String: Double] {
        var out: [String: (Int, RegistryTimestamp, Double)] = [:]
        for p in metrics {
            if let cur = out[p.key], (cur.0, cur.1) > (p.step, p.timestamp) { continue }
            out[p.key] = (p.step, p.timestamp, p.value)
        }
        return out.mapValues { $0.2 }
    }

    enum CodingKeys: String, CodingKey {
        case id, experiment, name, status, params, tags, metrics, datasets, environment
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case createdBy = "created_by"
    }
}

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

/// The state of a deployment.
public enum DeploymentStatus: String, Sendable, Codable, CaseIterable {
    case pending, active, draining, retired, failed
}

/// A version deployed to an environment with a share of traffic.
public struct Deployment: Sendable, Hashable, Codable {
    /// Row id.
    public var id: Int
    /// The name.
    public var name: String
    /// The version number.
    public var version: Int
    /// `production`, `staging`, a region…
    public var environment: String
    /// Where it serves, if known (a URL, a service name).
    public var endpoint: String?
    /// Share of the environment's traffic, 0…1.
    public var trafficShare: Double
    /// The status.
    public var status: DeploymentStatus
    /// When it was created.
    public var createdAt: RegistryTimestamp
    /// When it last changed.
    public var updatedAt: RegistryTimestamp
    /// Who created it.
    public var createdBy: String

    enum CodingKeys: String, CodingKey {
        case id, name, version, environment, endpoint, status
        case trafficShare = "traffic_share"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case createdBy = "created_by"
    }
}

/// One logged prediction, and its actual outcome once feedback arrived.
public struct PredictionRecord: Sendable, Hashable, Codable {
    /// Unique per request; feedback joins on it.
    public var requestID: String
    /// The name.
    public var name: String
    /// The version number.
    public var version: Int
    /// The route or variant that served it (`champion`, `challenger`, `shadow`, `canary`…).
    public var route: String?
    /// SHA-256 of the inputs (when the inputs themselves are not kept).
    public var inputsHash: String?
    /// The inputs, if kept.
    public var inputs: RegistryJSON?
    /// The output (scores, label…).
    public var output: RegistryJSON
    /// Scoring latency in milliseconds.
    public var latencyMilliseconds: Double?
    /// When it happened.
    public var timestamp: RegistryTimestamp
    /// The actual outcome, joined from feedback (latest wins); `nil` until it arrives.
    public var outcome: RegistryJSON?

    /// A prediction to log.
    public init(
        requestID: String, name: String, version: Int, output: RegistryJSON, route: String? = nil,
        inputsHash: String? = nil, inputs: RegistryJSON? = nil, latencyMilliseconds: Double? = nil,
        timestamp: RegistryTimestamp = .now()
    ) {
        self.requestID = requestID
        self.name = name
        self.version = version
        self.route = route
        self.inputsHash = inputsHash
        self.inputs = inputs
        self.output = output
        self.latencyMilliseconds = latencyMilliseconds
        self.timestamp = timestamp
        self.outcome = nil
    }

    enum CodingKeys: String, CodingKey {
        case name, version, route, inputs, output, timestamp, outcome
        case requestID = "request_id"
        case inputsHash = "inputs_hash"
        case latencyMilliseconds = "latency_ms"
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

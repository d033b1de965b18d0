import MLCore

// Training runs: experiments, runs and what they log (metrics, datasets).

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

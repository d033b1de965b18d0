import FoundationEssentials
import Yams

/// Everything `mlctl serve --config serve.yaml` and an embedding service configure: the
/// model variants, how requests are routed between them, post-processing, limits, the
/// prediction log and micro-batching.
///
/// YAML keys are snake_case; every section is optional. A minimal file:
///
/// ```yaml
/// name: fraud
/// variants:
///   champion: {path: models/fraud-v7.json}
///   challenger: {registry_name: fraud, alias: challenger}
/// routing:
///   policy: canary          # single | split | canary | ab | rollout
///   primary: champion
///   candidate: challenger
///   percent: 5
///   salt: fraud-canary-2026
///   shadow: []
/// ```
///
/// See `Docs/Serving.md` for every key.
public struct ServeConfiguration: Sendable, Codable, Equatable {
    /// The model name used in responses and metric labels (default: the registry name, else
    /// the primary file's name without its extension).
    public var name: String?
    /// The model variants by route name (`champion`, `challenger`, …).
    public var variants: [String: VariantConfiguration]
    /// How requests are routed between variants.
    public var routing: RoutingConfiguration
    /// Calibration, thresholds, fallback.
    public var postProcessing: PostProcessingConfiguration
    /// Request limits.
    public var limits: LimitsConfiguration
    /// The prediction log.
    public var predictionLog: PredictionLogConfiguration
    /// Optional micro-batching of single-row requests.
    public var microBatching: MicroBatchingConfiguration?

    // Exposure and trust (serve.yaml `expose_model_sources`, `trusted_keys`).
    /// Show each model's source (file path, registry name and alias) in `GET /v1/models`
    /// and the reload answer (default false: sources are operator detail).
    public var exposeModelSources = false
    /// Public key files (`mlregistry-ed25519-public …`, `mlctl registry keygen`) the operator
    /// trusts: when not empty, a registry variant must be signed by one of them, at start and
    /// at every reload; unsigned or otherwise-signed versions are refused.
    public var trustedKeys: [String] = []

    /// Creates a configuration.
    public init(
        name: String? = nil, variants: [String: VariantConfiguration] = [:], routing: RoutingConfiguration = .init(),
        postProcessing: PostProcessingConfiguration = .init(), limits: LimitsConfiguration = .init(),
        predictionLog: PredictionLogConfiguration = .init(), microBatching: MicroBatchingConfiguration? = nil
    ) {
        self.name = name
        self.variants = variants
        self.routing = routing
        self.postProcessing = postProcessing
        self.limits = limits
        self.predictionLog = predictionLog
        self.microBatching = microBatching
    }

    /// One model file served as the `champion` route.
    public static func singleFile(_ path: String, name: String? = nil) -> ServeConfiguration {
        ServeConfiguration(name: name, variants: ["champion": VariantConfiguration(path: path)])
    }

    /// Parses YAML text.
    /// - Throws: ``ServeError`` `.invalidConfiguration` naming `source` and the YAML problem.
    public static func parse(yaml text: String, source: String = "configuration") throws(ServeError) -> ServeConfiguration {
        do {
            if text.allSatisfy({ $0.isWhitespace }) { return ServeConfiguration() }
            return try YAMLDecoder().decode(ServeConfiguration.self, from: text)
        } catch {
            throw ServeError(.invalidConfiguration, "\(source): \(error)")
        }
    }

    /// Reads and parses a YAML file.
    /// - Throws: ``ServeError`` `.invalidConfiguration` when the file cannot be read or parsed.
    public static func load(contentsOf path: String) throws(ServeError) -> ServeConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ServeError(.invalidConfiguration, "cannot read \(path): \(error)")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), source: path)
    }

    enum CodingKeys: String, CodingKey {
        case name, variants, routing, limits
        case postProcessing = "post_processing"
        case predictionLog = "prediction_log"
        case microBatching = "micro_batching"
        case exposeModelSources = "expose_model_sources", trustedKeys = "trusted_keys"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        variants = try c.decodeIfPresent([String: VariantConfiguration].self, forKey: .variants) ?? [:]
        routing = try c.decodeIfPresent(RoutingConfiguration.self, forKey: .routing) ?? .init()
        postProcessing = try c.decodeIfPresent(PostProcessingConfiguration.self, forKey: .postProcessing) ?? .init()
        limits = try c.decodeIfPresent(LimitsConfiguration.self, forKey: .limits) ?? .init()
        predictionLog = try c.decodeIfPresent(PredictionLogConfiguration.self, forKey: .predictionLog) ?? .init()
        microBatching = try c.decodeIfPresent(MicroBatchingConfiguration.self, forKey: .microBatching)
        exposeModelSources = try c.decodeIfPresent(Bool.self, forKey: .exposeModelSources) ?? false
        trustedKeys = try c.decodeIfPresent([String].self, forKey: .trustedKeys) ?? []
    }
}

/// Where one variant's model comes from: a file, or the registry by name and alias (or
/// version number).
public struct VariantConfiguration: Sendable, Codable, Equatable {
    /// A model file (XGBoost JSON/UBJSON, LightGBM text).
    public var path: String?
    /// The registered model's name (default: the engine's registry name).
    public var registryName: String?
    /// The registry alias to follow (`champion`, `challenger`); a reload re-reads it.
    public var alias: String?
    /// A fixed registry version number (instead of an alias).
    public var version: Int?
    /// Post-processing for this variant only (replaces the engine-wide one).
    public var postProcessing: PostProcessingConfiguration?

    /// Creates a variant.
    public init(
        path: String? = nil, registryName: String? = nil, alias: String? = nil, version: Int? = nil,
        postProcessing: PostProcessingConfiguration? = nil
    ) {
        self.path = path
        self.registryName = registryName
        self.alias = alias
        self.version = version
        self.postProcessing = postProcessing
    }

    enum CodingKeys: String, CodingKey {
        case path, alias, version
        case registryName = "registry_name"
        case postProcessing = "post_processing"
    }
}

/// Which routing policy decides the variant of each request.
public enum RoutingPolicyKind: String, Sendable, Codable, Equatable {
    /// Every request goes to `primary`.
    case single
    /// Champion/challenger weighted split, drawn per request (not sticky).
    case split
    /// Sticky canary: `percent` of entity ids (by ``StickyBucket``) go to `candidate`;
    /// requests without an id go to `primary`.
    case canary
    /// A/B test: sticky by entity id over the `arms`; requests without an id go to `primary`.
    case ab
    /// Gradual rollout of `candidate`: a sticky canary whose percentage climbs the steps,
    /// with automatic rollback.
    case rollout
}

/// One arm of a split or A/B test.
public struct RoutingArm: Sendable, Codable, Equatable {
    /// The variant name.
    public var variant: String
    /// Its share of traffic in percent (arms must sum to 100).
    public var percent: Double

    /// Creates an arm.
    public init(variant: String, percent: Double) {
        self.variant = variant
        self.percent = percent
    }
}

/// Gradual-rollout steps and the limits that trigger an automatic rollback.
public struct RolloutConfiguration: Sendable, Codable, Equatable {
    /// Canary percentages, increasing (default 1, 5, 25, 50, 100).
    public var steps: [Double]
    /// Minimum time on a step before the next, in seconds (default 300).
    public var holdSeconds: Double
    /// Roll back when the candidate's share of failed requests exceeds this (default 0.01).
    public var maxErrorRate: Double
    /// Roll back when the candidate's p95 latency exceeds this, in milliseconds (default 100).
    public var maxP95Milliseconds: Double
    /// Requests the candidate must serve on a step before it is judged (default 100).
    public var minRequests: Int

    /// Creates rollout settings.
    public init(
        steps: [Double] = [1, 5, 25, 50, 100], holdSeconds: Double = 300, maxErrorRate: Double = 0.01,
        maxP95Milliseconds: Double = 100, minRequests: Int = 100
    ) {
        self.steps = steps
        self.holdSeconds = holdSeconds
        self.maxErrorRate = maxErrorRate
        self.maxP95Milliseconds = maxP95Milliseconds
        self.minRequests = minRequests
    }

    enum CodingKeys: String, CodingKey {
        case steps
        case holdSeconds = "hold_seconds"
        case maxErrorRate = "max_error_rate"
        case maxP95Milliseconds = "max_p95_ms"
        case minRequests = "min_requests"
    }

    public init(from decoder: any Decoder) throws {
        let d = RolloutConfiguration()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        steps = try c.decodeIfPresent([Double].self, forKey: .steps) ?? d.steps
        holdSeconds = try c.decodeIfPresent(Double.self, forKey: .holdSeconds) ?? d.holdSeconds
        maxErrorRate = try c.decodeIfPresent(Double.self, forKey: .maxErrorRate) ?? d.maxErrorRate
        maxP95Milliseconds = try c.decodeIfPresent(Double.self, forKey: .maxP95Milliseconds) ?? d.maxP95Milliseconds
        minRequests = try c.decodeIfPresent(Int.self, forKey: .minRequests) ?? d.minRequests
    }
}

/// The routing section: a policy, its variants, and the shadows.
public struct RoutingConfiguration: Sendable, Codable, Equatable {
    /// The policy (default `single`).
    public var policy: RoutingPolicyKind
    /// The variant that answers by default (default `champion`, or the only variant).
    public var primary: String?
    /// The canary / rollout candidate.
    public var candidate: String?
    /// Canary share in percent (0…100).
    public var percent: Double
    /// Arms of a `split` or `ab` policy.
    public var arms: [RoutingArm]
    /// Salt of the sticky hash (default `mlserve`); change it to reshuffle assignments.
    public var salt: String
    /// Variants that score every request off the request path, for comparison only.
    public var shadow: [String]
    /// Gradual-rollout settings (policy `rollout`).
    public var rollout: RolloutConfiguration

    /// Creates a routing section.
    public init(
        policy: RoutingPolicyKind = .single, primary: String? = nil, candidate: String? = nil, percent: Double = 0,
        arms: [RoutingArm] = [], salt: String = "mlserve", shadow: [String] = [], rollout: RolloutConfiguration = .init()
    ) {
        self.policy = policy
        self.primary = primary
        self.candidate = candidate
        self.percent = percent
        self.arms = arms
        self.salt = salt
        self.shadow = shadow
        self.rollout = rollout
    }

    enum CodingKeys: String, CodingKey {
        case policy, primary, candidate, percent, arms, salt, shadow, rollout
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policy = try c.decodeIfPresent(RoutingPolicyKind.self, forKey: .policy) ?? .single
        primary = try c.decodeIfPresent(String.self, forKey: .primary)
        candidate = try c.decodeIfPresent(String.self, forKey: .candidate)
        percent = try c.decodeIfPresent(Double.self, forKey: .percent) ?? 0
        arms = try c.decodeIfPresent([RoutingArm].self, forKey: .arms) ?? []
        salt = try c.decodeIfPresent(String.self, forKey: .salt) ?? "mlserve"
        shadow = try c.decodeIfPresent([String].self, forKey: .shadow) ?? []
        rollout = try c.decodeIfPresent(RolloutConfiguration.self, forKey: .rollout) ?? .init()
    }
}

/// Calibration, decision thresholds and fallback.
public struct PostProcessingConfiguration: Sendable, Codable, Equatable {
    /// A calibrator JSON file (`mlctl calibrate fit` output, a `BinaryCalibrator`) applied to
    /// binary probabilities.
    public var calibrator: String?
    /// Binary decision threshold on the (calibrated) score (default 0.5).
    public var threshold: Double
    /// Class labels in output order (binary: `[negative, positive]`, default `["0", "1"]`;
    /// multiclass: default `"0"…"K-1"`).
    public var labels: [String]?
    /// Per-class thresholds by label (multiclass probability models): the winning class is
    /// the most probable one that clears its threshold (classes not listed use 0); when none
    /// does, the fallback answers with reason `low_confidence`.
    public var classThresholds: [String: Double]?
    /// Answer with the fallback when the winning probability is below this (`low_confidence`).
    public var minConfidence: Double?
    /// The label of a fallback answer (default `fallback`).
    public var fallbackLabel: String
    /// The score of a fallback answer when the model gave none (`model_error`, `timeout`);
    /// `null` in JSON when unset.
    public var fallbackScore: Double?
    /// Answer model errors with the fallback (reason `model_error`) instead of failing (default true).
    public var fallbackOnModelError: Bool

    /// Creates post-processing settings.
    public init(
        calibrator: String? = nil, threshold: Double = 0.5, labels: [String]? = nil,
        classThresholds: [String: Double]? = nil, minConfidence: Double? = nil, fallbackLabel: String = "fallback",
        fallbackScore: Double? = nil, fallbackOnModelError: Bool = true
    ) {
        self.calibrator = calibrator
        self.threshold = threshold
        self.labels = labels
        self.classThresholds = classThresholds
        self.minConfidence = minConfidence
        self.fallbackLabel = fallbackLabel
        self.fallbackScore = fallbackScore
        self.fallbackOnModelError = fallbackOnModelError
    }

    enum CodingKeys: String, CodingKey {
        case calibrator, threshold, labels
        case classThresholds = "class_thresholds"
        case minConfidence = "min_confidence"
        case fallbackLabel = "fallback_label"
        case fallbackScore = "fallback_score"
        case fallbackOnModelError = "fallback_on_model_error"
    }

    public init(from decoder: any Decoder) throws {
        let d = PostProcessingConfiguration()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        calibrator = try c.decodeIfPresent(String.self, forKey: .calibrator)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? d.threshold
        labels = try c.decodeIfPresent([String].self, forKey: .labels)
        classThresholds = try c.decodeIfPresent([String: Double].self, forKey: .classThresholds)
        minConfidence = try c.decodeIfPresent(Double.self, forKey: .minConfidence)
        fallbackLabel = try c.decodeIfPresent(String.self, forKey: .fallbackLabel) ?? d.fallbackLabel
        fallbackScore = try c.decodeIfPresent(Double.self, forKey: .fallbackScore)
        fallbackOnModelError = try c.decodeIfPresent(Bool.self, forKey: .fallbackOnModelError) ?? d.fallbackOnModelError
    }
}

/// Request limits.
public struct LimitsConfiguration: Sendable, Codable, Equatable {
    /// Most rows in one batch request (default 1000).
    public var maxBatchRows: Int
    /// Largest request body in bytes (default 8 MiB; a 1,000-row × 50-feature batch is ~0.5 MB).
    public var maxBodyBytes: Int

    // Connections (MLServeHTTP applies them on every path, the fast paths included).
    /// Seconds a connection may wait with no request in progress before it is closed
    /// (default 60).
    public var idleTimeoutSeconds: Double
    /// Seconds from a request's first byte to its last before the connection is closed: a
    /// client trickling bytes cannot keep it open (default 30).
    public var readTimeoutSeconds: Double
    /// Connections open at once; beyond it, new ones are closed at once (default 10,000).
    public var maxConnections: Int

    /// Creates limits.
    public init(
        maxBatchRows: Int = 1000, maxBodyBytes: Int = 8 << 20,
        idleTimeoutSeconds: Double = 60, readTimeoutSeconds: Double = 30, maxConnections: Int = 10_000
    ) {
        self.maxBatchRows = maxBatchRows
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
        self.maxConnections = maxConnections
    }

    enum CodingKeys: String, CodingKey {
        case maxBatchRows = "max_batch_rows"
        case maxBodyBytes = "max_body_bytes"
        case idleTimeoutSeconds = "idle_timeout_seconds"
        case readTimeoutSeconds = "read_timeout_seconds"
        case maxConnections = "max_connections"
    }

    public init(from decoder: any Decoder) throws {
        let d = LimitsConfiguration()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxBatchRows = try c.decodeIfPresent(Int.self, forKey: .maxBatchRows) ?? d.maxBatchRows
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? d.maxBodyBytes
        idleTimeoutSeconds = try Self.seconds(c, .idleTimeoutSeconds) ?? d.idleTimeoutSeconds
        readTimeoutSeconds = try Self.seconds(c, .readTimeoutSeconds) ?? d.readTimeoutSeconds
        maxConnections = try c.decodeIfPresent(Int.self, forKey: .maxConnections) ?? d.maxConnections
        guard maxConnections >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .maxConnections, in: c, debugDescription: "max_connections must be at least 1")
        }
    }

    /// Timeouts: more than 0 and at most a day.
    private static func seconds(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Double? {
        guard let value = try c.decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard value > 0, value <= 86_400 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "\(key.rawValue) must be more than 0 and at most 86400 seconds")
        }
        return value
    }
}

/// The prediction log: a bounded in-memory queue drained to a sink (the registry).
public struct PredictionLogConfiguration: Sendable, Codable, Equatable {
    /// Log predictions when a sink is available (default true).
    public var enabled: Bool
    /// Records the queue holds before it drops (default 10,000).
    public var capacity: Int
    /// Most records written per flush (default 500).
    public var batchSize: Int
    /// Time between flushes, in milliseconds (default 200).
    public var flushIntervalMilliseconds: Int
    /// Keep the features themselves, not only their SHA-256 (default false).
    public var keepInputs: Bool
    /// Bytes the queued records (and feedback) may hold before new ones are dropped (default 64 MiB).
    public var maxBytes = 64 << 20

    /// Creates prediction-log settings.
    public init(
        enabled: Bool = true, capacity: Int = 10_000, batchSize: Int = 500, flushIntervalMilliseconds: Int = 200,
        keepInputs: Bool = false
    ) {
        self.enabled = enabled
        self.capacity = capacity
        self.batchSize = batchSize
        self.flushIntervalMilliseconds = flushIntervalMilliseconds
        self.keepInputs = keepInputs
    }

    enum CodingKeys: String, CodingKey {
        case enabled, capacity
        case batchSize = "batch_size"
        case flushIntervalMilliseconds = "flush_interval_ms"
        case keepInputs = "keep_inputs"
        case maxBytes = "max_bytes"
    }

    public init(from decoder: any Decoder) throws {
        let d = PredictionLogConfiguration()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled
        capacity = try c.decodeIfPresent(Int.self, forKey: .capacity) ?? d.capacity
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize
        flushIntervalMilliseconds = try c.decodeIfPresent(Int.self, forKey: .flushIntervalMilliseconds) ?? d.flushIntervalMilliseconds
        keepInputs = try c.decodeIfPresent(Bool.self, forKey: .keepInputs) ?? d.keepInputs
        maxBytes = try c.decodeIfPresent(Int.self, forKey: .maxBytes) ?? d.maxBytes
    }
}

/// Micro-batching: single-row requests wait up to `max_delay_ms` to be scored together.
public struct MicroBatchingConfiguration: Sendable, Codable, Equatable {
    /// Rows scored together at most (default 32).
    public var maxBatchSize: Int
    /// Longest a row waits for companions, in milliseconds (default 2).
    public var maxDelayMilliseconds: Double
    /// Latency budget in milliseconds: a row not scored within it is answered with the
    /// fallback (reason `timeout`) (default 50).
    public var budgetMilliseconds: Double

    /// Creates micro-batching settings.
    public init(maxBatchSize: Int = 32, maxDelayMilliseconds: Double = 2, budgetMilliseconds: Double = 50) {
        self.maxBatchSize = maxBatchSize
        self.maxDelayMilliseconds = maxDelayMilliseconds
        self.budgetMilliseconds = budgetMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case maxBatchSize = "max_batch_size"
        case maxDelayMilliseconds = "max_delay_ms"
        case budgetMilliseconds = "budget_ms"
    }

    public init(from decoder: any Decoder) throws {
        let d = MicroBatchingConfiguration()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxBatchSize = try c.decodeIfPresent(Int.self, forKey: .maxBatchSize) ?? d.maxBatchSize
        maxDelayMilliseconds = try c.decodeIfPresent(Double.self, forKey: .maxDelayMilliseconds) ?? d.maxDelayMilliseconds
        budgetMilliseconds = try c.decodeIfPresent(Double.self, forKey: .budgetMilliseconds) ?? d.budgetMilliseconds
    }
}

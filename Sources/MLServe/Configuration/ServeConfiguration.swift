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
public struct ServeConfiguration: Sendable, Codable, Equatable, _KeyTableCodable {
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

    // The serve.yaml keys, all optional (``_KeyTableCodable``).
    package static var defaults: Self { Self() }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("name", \.name), _TableKey("variants", \.variants), _TableKey("routing", \.routing),
            _TableKey("post_processing", \.postProcessing), _TableKey("limits", \.limits),
            _TableKey("prediction_log", \.predictionLog), _TableKey("micro_batching", \.microBatching),
            _TableKey("expose_model_sources", \.exposeModelSources), _TableKey("trusted_keys", \.trustedKeys),
        ]
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}

import FoundationEssentials
import MLCore
import MLRegistry

/// One answered request as the prediction log keeps it.
public struct LoggedPrediction: Sendable, Equatable {
    /// Unique per request; feedback joins on it.
    public var requestID: String
    /// The model name.
    public var model: String
    /// The model version.
    public var version: String
    /// The route that answered.
    public var route: String
    /// The answer's score.
    public var score: Double?
    /// The answer's label.
    public var label: String?
    /// Who answered (`model`, `rules`, `fallback`).
    public var source: PredictionSource
    /// The fallback reason, if any.
    public var fallbackReason: FallbackReason?
    /// The features (NaN = missing), or empty when inputs are not kept and not hashed.
    public var features: [Float]
    /// Rows in the request (1 for a single-row request).
    public var rows: Int
    /// Engine latency in milliseconds.
    public var latencyMilliseconds: Double
    /// Seconds since 1970.
    public var timestamp: Double

    /// Creates a record.
    public init(
        requestID: String, model: String, version: String, route: String, score: Double?, label: String?,
        source: PredictionSource, fallbackReason: FallbackReason?, features: [Float], rows: Int,
        latencyMilliseconds: Double, timestamp: Double
    ) {
        self.requestID = requestID
        self.model = model
        self.version = version
        self.route = route
        self.score = score
        self.label = label
        self.source = source
        self.fallbackReason = fallbackReason
        self.features = features
        self.rows = rows
        self.latencyMilliseconds = latencyMilliseconds
        self.timestamp = timestamp
    }
}

/// Where the prediction log goes. Called from the log's own task, never on the request path.
public protocol PredictionSink: Sendable {
    /// Writes records. A throwing write is retried record by record, then the failures are counted.
    func write(_ records: [LoggedPrediction], keepInputs: Bool) throws
    /// Records the actual outcome of an earlier request.
    func recordFeedback(requestID: String, outcome: Double?, label: String?) throws
}

/// Logs predictions into an ``MLRegistry/ModelRegistry`` (table `predictions`; feedback in
/// `feedback`). Records of models not loaded from the registry (a file's `sha256:` version)
/// are skipped: the registry knows only registered versions.
public struct RegistryPredictionSink: PredictionSink {
    /// The registry written to.
    public let registry: ModelRegistry

    /// Creates a sink.
    public init(registry: ModelRegistry) {
        self.registry = registry
    }

    public func write(_ records: [LoggedPrediction], keepInputs: Bool) throws {
        let rows = records.compactMap { r -> PredictionRecord? in
            guard let version = Int(r.version) else { return nil }
            var output: [String: RegistryJSON] = ["source": .string(r.source.rawValue)]
            if let s = r.score, s.isFinite { output["score"] = .number(s) }
            if let l = r.label { output["label"] = .string(l) }
            if let f = r.fallbackReason { output["fallback"] = .string(f.rawValue) }
            if r.rows != 1 { output["rows"] = .number(Double(r.rows)) }
            let inputs: RegistryJSON? =
                keepInputs ? .array(r.features.map { $0.isFinite ? .number(Double($0)) : .null }) : nil
            let hash = r.features.isEmpty ? nil : Self.hash(r.features)
            return PredictionRecord(
                requestID: r.requestID, name: r.model, version: version, output: .object(output), route: r.route,
                inputsHash: hash, inputs: inputs, latencyMilliseconds: r.latencyMilliseconds,
                timestamp: RegistryTimestamp(millisecondsSince1970: Int64((r.timestamp * 1000).rounded())))
        }
        try registry.logPredictions(rows)
    }

    public func recordFeedback(requestID: String, outcome: Double?, label: String?) throws {
        var value: [String: RegistryJSON] = [:]
        if let outcome, outcome.isFinite { value["outcome"] = .number(outcome) }
        if let label { value["label"] = .string(label) }
        try registry.recordFeedback(requestID: requestID, outcome: .object(value))
    }

    /// SHA-256 (lowercase hex) of the features as little-endian float32 bytes.
    static func hash(_ features: [Float]) -> String {
        // Every platform Swift on Linux runs on is little-endian, so the array's bytes are the spec's.
        features.withUnsafeBytes { FileDigest.sha256Hex(of: $0) }
    }
}

// Serving records: deployments of versions to environments, and the predictions they logged.

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

/// What a route serves now: for `GET /v1/models`, logs and the embedder.
public struct ModelInfo: Sendable, Equatable, Codable {
    /// The route (variant) name.
    public var route: String
    /// The model name.
    public var model: String
    /// The version: registry version number, or `sha256:` + 12 hex digits of a file.
    public var version: String
    /// Where it was loaded from: a file path, or `registry:NAME@ALIAS` / `registry:NAME#N`;
    /// empty when hidden (``redactingSource()``), and then left out of the JSON.
    public var source: String
    /// The file format (`xgboost_json`, …).
    public var format: String
    /// Features per row.
    public var featureCount: Int
    /// ``MLModels/OutputKind/name`` of the model's output.
    public var outputKind: String
    /// How the route takes traffic: `primary`, `candidate`, `arm`, `shadow` or `idle`.
    public var role: String
    /// Seconds since 1970 when it was loaded.
    public var loadedAt: Double

    /// Creates a description.
    public init(
        route: String, model: String, version: String, source: String, format: String, featureCount: Int,
        outputKind: String, role: String, loadedAt: Double
    ) {
        self.route = route
        self.model = model
        self.version = version
        self.source = source
        self.format = format
        self.featureCount = featureCount
        self.outputKind = outputKind
        self.role = role
        self.loadedAt = loadedAt
    }

    /// This description without its source, for clients that must not learn file paths or
    /// registry names (`expose_model_sources: false`).
    public func redactingSource() -> ModelInfo {
        var copy = self
        copy.source = ""
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case route, model, version, source, format, featureCount, outputKind, role, loadedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            route: try c.decode(String.self, forKey: .route), model: try c.decode(String.self, forKey: .model),
            version: try c.decode(String.self, forKey: .version),
            source: try c.decodeIfPresent(String.self, forKey: .source) ?? "",
            format: try c.decode(String.self, forKey: .format), featureCount: try c.decode(Int.self, forKey: .featureCount),
            outputKind: try c.decode(String.self, forKey: .outputKind), role: try c.decode(String.self, forKey: .role),
            loadedAt: try c.decode(Double.self, forKey: .loadedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(route, forKey: .route)
        try c.encode(model, forKey: .model)
        try c.encode(version, forKey: .version)
        if !source.isEmpty { try c.encode(source, forKey: .source) }
        try c.encode(format, forKey: .format)
        try c.encode(featureCount, forKey: .featureCount)
        try c.encode(outputKind, forKey: .outputKind)
        try c.encode(role, forKey: .role)
        try c.encode(loadedAt, forKey: .loadedAt)
    }
}

/// What a route serves now: for `GET /v1/models`, logs and the embedder.
public struct ModelInfo: Sendable, Equatable, Codable {
    /// The route (variant) name.
    public var route: String
    /// The model name.
    public var model: String
    /// The version: registry version number, or `sha256:` + 12 hex digits of a file.
    public var version: String
    /// Where it was loaded from: a file path, or `registry:NAME@ALIAS` / `registry:NAME#N`.
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
}

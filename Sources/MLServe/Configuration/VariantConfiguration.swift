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

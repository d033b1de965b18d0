/// A summary of a loaded model for `mlctl inspect`, logs and registries.
public struct ModelDescription: Sendable, Equatable, Codable {
    /// The file format it was loaded from.
    public var format: ModelFormat
    /// `xgboost`, `lightgbm`, `onnx`.
    public var framework: String
    /// The framework version recorded in the file, when there is one (`3.2.0`, `v4`).
    public var frameworkVersion: String?
    /// The objective as the file names it (`binary:logistic`, `binary sigmoid:1`).
    public var objective: String
    /// ``OutputKind/name`` of the model's output.
    public var outputKind: String
    /// Number of input features.
    public var featureCount: Int
    /// Feature names from the file, when present.
    public var featureNames: [String]?
    /// Number of classes for classifiers (2 for binary), `nil` otherwise.
    public var classCount: Int?
    /// Margins per row (1, or K for K-class models).
    public var outputGroups: Int
    /// Booster kind: `gbtree`, `dart`, `gbdt`, `rf`, …
    public var booster: String?
    /// Number of trees (tree models).
    public var treeCount: Int?
    /// Number of boosting iterations (tree models).
    public var iterationCount: Int?
    /// Deepest root-to-leaf path, in edges (tree models).
    public var maxDepth: Int?
    /// Total nodes, leaves included (tree models).
    public var nodeCount: Int?
    /// Total leaves (tree models).
    public var leafCount: Int?
    /// Format-specific facts as text (`base_score`, `num_parallel_tree`, `best_iteration`,
    /// `average_output`, `categorical_splits`, `linear_trees`, …).
    public var details: [String: String]

    /// Creates a description.
    public init(
        format: ModelFormat, framework: String, frameworkVersion: String? = nil, objective: String,
        outputKind: String, featureCount: Int, featureNames: [String]? = nil, classCount: Int? = nil,
        outputGroups: Int, booster: String? = nil, treeCount: Int? = nil, iterationCount: Int? = nil,
        maxDepth: Int? = nil, nodeCount: Int? = nil, leafCount: Int? = nil, details: [String: String] = [:]
    ) {
        self.format = format
        self.framework = framework
        self.frameworkVersion = frameworkVersion
        self.objective = objective
        self.outputKind = outputKind
        self.featureCount = featureCount
        self.featureNames = featureNames
        self.classCount = classCount
        self.outputGroups = outputGroups
        self.booster = booster
        self.treeCount = treeCount
        self.iterationCount = iterationCount
        self.maxDepth = maxDepth
        self.nodeCount = nodeCount
        self.leafCount = leafCount
        self.details = details
    }
}

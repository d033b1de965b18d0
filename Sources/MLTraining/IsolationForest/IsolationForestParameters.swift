/// The settings of an isolation forest (scikit-learn's `IsolationForest` names).
public struct IsolationForestParameters: Sendable, Equatable, Codable {
    /// Trees (`n_estimators`).
    public var numTrees = 100
    /// Rows drawn without replacement for each tree (`max_samples`; capped at the row count).
    public var maxSamples = 256
    /// The seed of the row, feature and threshold draws.
    public var seed: UInt64 = 1
    /// Threads for growing trees (results are identical at any count).
    public var threads = 1

    /// Default settings.
    public init() {}
}

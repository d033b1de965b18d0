/// What a model expects as input: a row-major `Float` matrix with `featureCount` columns.
///
/// Columns are taken by position. `featureNames`, when the model file stores them, name the
/// columns in that order (`featureNames.count == featureCount`).
public struct InputSchema: Sendable, Equatable, Codable {
    /// Number of input columns (≥ 0).
    public let featureCount: Int
    /// Column names from the model file, or `nil` when the file has none.
    public let featureNames: [String]?

    /// Creates a schema; names are kept only when their count equals `featureCount`.
    public init(featureCount: Int, featureNames: [String]? = nil) {
        self.featureCount = featureCount
        if let featureNames, featureNames.count == featureCount {
            self.featureNames = featureNames
        } else {
            self.featureNames = nil
        }
    }
}

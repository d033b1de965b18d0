/// One feature of a ``FeatureSet``: its column name, its formula in words, and its lookback.
public struct FeatureDefinition: Sendable, Hashable, Codable {
    /// The column name (`nma_20`, `rsi_14`).
    public let name: String
    /// The formula, as written in `Docs/Features.md`; part of the set's definition hash.
    public let formula: String
    /// Leading bars for which the feature is undefined (NaN).
    public let lookback: Int
}

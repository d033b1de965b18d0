extension PredictiveModel {
    /// Names of the values ``predict(_:rowCount:into:options:)`` writes per row, as the
    /// fixtures' `expected.csv` and `mlctl predict` name them:
    /// binary `prob` (`margin` raw); multiclass `p0…pK-1` (`margin0…` raw); class index
    /// `label`; regression `value`; anomaly `score`; raw scores `margin` / `margin0…`;
    /// leaf indices `leaf0…`.
    /// - Throws: ``ScoringError/Code/unsupportedOutput`` for `.rawMargin` on a model without a
    ///   link function (its margin is its value), or as ``outputWidth(for:)``.
    public func outputColumnNames(for options: PredictionOptions = .default) throws -> [String] {
        let width = try outputWidth(for: options)
        func numbered(_ prefix: String) -> [String] {
            width == 1 ? [prefix] : (0..<width).map { "\(prefix)\($0)" }
        }
        switch options.output {
        case .leafIndex:
            return (0..<width).map { "leaf\($0)" }
        case .rawMargin:
            guard hasLinkFunction else {
                throw ScoringError(
                    .unsupportedOutput,
                    "the model's output (\(outputKind.name)) has no link function, so it has no separate raw margin")
            }
            if case .multiclassProbabilities = outputKind { return (0..<width).map { "margin\($0)" } }
            return numbered("margin")
        case .value:
            switch outputKind {
            case .binaryProbability: return numbered("prob")
            case .multiclassProbabilities: return (0..<width).map { "p\($0)" }
            case .classIndex: return numbered("label")
            case .regressionValue: return numbered("value")
            case .anomalyScore: return numbered("score")
            case .rawScore: return numbered("margin")
            }
        }
    }
}

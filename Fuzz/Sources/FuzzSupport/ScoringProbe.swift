import MLCore
import MLModels

/// Scores a model that loaded from fuzzed bytes every way it can be scored: batch values,
/// raw margins and leaf indices where the model offers them, and the prepared single-row
/// scorer, on three probe rows made of NaN, ±0, ±∞, tiny, huge and category-like values.
///
/// A loaded model is one that passed validation: from here on only `ScoringError` may come
/// out. Models wider than `maximumFeatures` are skipped (the loaders' cost contract bounds
/// what a file can declare; probing a row that wide would only measure the allocator).
public enum ScoringProbe {
    public static let maximumFeatures = 4096

    static let pool: [Float] = [.nan, 0, -0.0, 1, -1, 0.5, 3, 40, 1e-36, .infinity, -.infinity, 1e30, 7]

    /// Three probe rows of `featureCount` values, row-major.
    static func rows(featureCount f: Int) -> [Float] {
        var values: [Float] = []
        values.reserveCapacity(3 * f)
        for r in 0..<3 { for j in 0..<f { values.append(pool[(r * 5 + j * 3) % pool.count]) } }
        return values
    }

    /// Scores `model` on the probe rows with each output kind, batch and single row.
    public static func score(_ model: any PredictiveModel) {
        let f = model.schema.featureCount
        guard f <= maximumFeatures else { return }
        let values = rows(featureCount: f)
        guard let x = try? Matrix<Float>(rows: 3, columns: f, elements: values) else { return }
        for output in [PredictionOutput.value, .rawMargin, .leafIndex] {
            let options = PredictionOptions(output: output, threads: 1)
            _ = try? model.predict(x, options: options)
            if let scorer = try? model.makeSingleRowScorer(options: options) {
                _ = try? scorer.predict(Array(values[0..<f]))
            }
        }
    }
}

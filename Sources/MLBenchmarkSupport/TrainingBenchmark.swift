import MLCore
import MLTraining

/// In-process time of a gradient-boosted tree training, for `mlctl bench train` (W3): the
/// features already in memory (NPY reading not timed), binning included — as LightGBM's
/// `Dataset` construction and XGBoost's `DMatrix` are included in their W3 figures.
public struct TrainingBenchmark: Sendable, Codable, Equatable {
    /// Rows × features.
    public var rows: Int
    /// Features.
    public var features: Int
    /// The parameters used.
    public var parameters: GBDTParameters
    /// Median wall time of one training, seconds.
    public var secondsMedian: Double
    /// Every timed training, seconds.
    public var seconds: [Double]
    /// Trees in the model.
    public var trees: Int
    /// Predictions of the test rows (P(1) for binary), for the caller's AUC.
    public var testPredictions: [Double]

    /// Trains `repeats` times (≥ 1) and predicts `testX` with the last model.
    /// - Throws: ``TrainingError`` from the trainer.
    public static func run(x: Matrix<Float>, y: [Double], parameters: GBDTParameters, testX: Matrix<Float>?, repeats: Int) throws
        -> TrainingBenchmark
    {
        let clock = ContinuousClock()
        var model: GBDTModel? = nil
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let elapsed = try clock.measure { model = try GBDTTrainer.train(x: x, y: y, parameters: parameters) }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let sorted = times.sorted()
        return TrainingBenchmark(
            rows: x.rows, features: x.columns, parameters: parameters, secondsMedian: sorted[sorted.count / 2], seconds: times,
            trees: model?.trees.count ?? 0, testPredictions: testX.flatMap { t in model.map { $0.predict(t) } } ?? [])
    }
}

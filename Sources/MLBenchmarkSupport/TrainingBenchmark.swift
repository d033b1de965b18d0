import MLCore
import MLModels
import MLTraining

/// In-process time of a training, for `mlctl bench train` (W3): the features already in memory
/// (NPY reading not timed).
///
/// - `gbdt`: binning included, as LightGBM's `Dataset` and XGBoost's `DMatrix` construction are
///   in their W3 figures.
/// - `logistic_regression`: standardization and the solver.
/// - `isolation_forest`: fit, then scoring every training row through the exported model file
///   (`TreeEnsembleModel`), as W3 times scikit-learn's `fit` + `score_samples`.
public struct TrainingBenchmark: Sendable, Codable, Equatable {
    /// `gbdt`, `logistic_regression` or `isolation_forest`.
    public var kind: String
    /// Rows.
    public var rows: Int
    /// Features.
    public var features: Int
    /// The GBDT parameters used (gbdt).
    public var parameters: GBDTParameters?
    /// The logistic-regression parameters used.
    public var logisticRegression: LogisticRegressionParameters?
    /// The isolation-forest parameters used.
    public var isolationForest: IsolationForestParameters?
    /// Median wall time of one run, seconds.
    public var secondsMedian: Double
    /// Every timed run, seconds.
    public var seconds: [Double]
    /// Trees in the model (gbdt, isolation forest).
    public var trees: Int
    /// Solver iterations (logistic regression).
    public var iterations: Int?
    /// Predictions of the test rows (P(1) for binary; anomaly scores, of the training rows when
    /// no test rows are given, for the forest), for the caller's AUC.
    public var testPredictions: [Double]

    /// Trains `repeats` times (≥ 1) and predicts `testX` with the last model.
    /// - Throws: ``TrainingError`` from the trainer.
    public static func run(x: Matrix<Float>, y: [Double], parameters: GBDTParameters, testX: Matrix<Float>?, repeats: Int) throws
        -> TrainingBenchmark
    {
        var model: GBDTModel? = nil
        let times = try timed(repeats) { model = try GBDTTrainer.train(x: x, y: y, parameters: parameters) }
        return TrainingBenchmark(
            kind: "gbdt", rows: x.rows, features: x.columns, parameters: parameters, secondsMedian: median(times), seconds: times,
            trees: model?.trees.count ?? 0, testPredictions: testX.flatMap { t in model.map { $0.predict(t) } } ?? [])
    }

    /// Logistic regression: trains `repeats` times and predicts `testX` with the last model.
    /// - Throws: ``TrainingError`` from the trainer.
    public static func run(
        x: Matrix<Float>, y: [Double], logisticRegression p: LogisticRegressionParameters, testX: Matrix<Float>?, repeats: Int
    ) throws -> TrainingBenchmark {
        var model: LogisticRegressionModel? = nil
        let times = try timed(repeats) { model = try LogisticRegressionTrainer.train(x: x, y: y, parameters: p) }
        return TrainingBenchmark(
            kind: "logistic_regression", rows: x.rows, features: x.columns, logisticRegression: p, secondsMedian: median(times),
            seconds: times, trees: 0, iterations: model?.iterations, testPredictions: testX.flatMap { t in model.map { $0.predict(t) } } ?? [])
    }

    /// Isolation forest: fit and score the training rows, `repeats` times; the predictions are
    /// the scores of `testX` (or of `x`).
    /// - Throws: ``TrainingError`` or ``ModelLoadingError``/``ScoringError`` from the file's
    ///   load and scoring.
    public static func run(x: Matrix<Float>, isolationForest p: IsolationForestParameters, testX: Matrix<Float>?, repeats: Int) throws
        -> TrainingBenchmark
    {
        var scores: [Double] = []
        var trees = 0
        var loaded: (any PredictiveModel)?
        let options = PredictionOptions(threads: p.threads)
        let times = try timed(repeats) {
            let model = try IsolationForestTrainer.train(x: x, parameters: p)
            let file = try ModelLoader.load(bytes: try model.nativeJSON())
            scores = try file.predict(x, options: options).elements
            trees = model.trees.count
            loaded = file
        }
        if let testX, let loaded { scores = try loaded.predict(testX, options: options).elements }
        return TrainingBenchmark(
            kind: "isolation_forest", rows: x.rows, features: x.columns, isolationForest: p, secondsMedian: median(times), seconds: times,
            trees: trees, testPredictions: scores)
    }

    static func timed(_ repeats: Int, _ body: () throws -> Void) throws -> [Double] {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let elapsed = try clock.measure(body)
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return times
    }

    static func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }
}

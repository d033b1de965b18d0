import MLCore
import MLModels

/// Scores rows through the batch API and returns one array per row.
func scoreRows(_ model: some PredictiveModel, _ rows: [[Float]], _ options: PredictionOptions = .default) throws -> [[Double]] {
    let x = try Matrix<Float>(rows)
    let out = try model.predict(x, options: options)
    return (0..<out.rows).map { Array(out.row($0)) }
}

/// Scores rows and returns the first output of each.
func score1(_ model: some PredictiveModel, _ rows: [[Float]], _ options: PredictionOptions = .default) throws -> [Double] {
    try scoreRows(model, rows, options).map { $0[0] }
}

/// The error thrown by `body`, as a ModelLoadingError (nil if none or another type).
func loadingError(_ body: () throws -> Void) -> ModelLoadingError? {
    do {
        try body()
        return nil
    } catch let e as ModelLoadingError {
        return e
    } catch {
        return nil
    }
}

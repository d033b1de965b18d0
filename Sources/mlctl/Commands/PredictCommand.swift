import ArgumentParser
import MLCore
import MLModels

/// `mlctl predict --model PATH --input X.{csv,npy} --output Y.{csv,npy} [--raw] [--threads N]`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Batch-score a feature file with a model (XGBoost JSON/UBJSON, LightGBM text, ONNX, swift-mlops JSON).",
        discussion: """
            Input columns are taken by position (CSV: after the header row; empty, nan, NaN, NA = missing). \
            ONNX graphs with several inputs or string inputs (a ColumnTransformer export) take CSV columns \
            by input name when every input names a column, else by position in input order; text stays text. \
            Output columns: binary 'prob' ('margin' with --raw), multiclass 'p0..pK-1' ('margin0..' with --raw), \
            regression 'value'; ONNX classifiers 'label,p0..pK-1', anomaly detectors 'label,score'. \
            --raw on a model without a link function (regression, ONNX graphs), a feature-count mismatch or \
            unreadable input is exit 2.
            """
    )

    @OptionGroup var model: ModelFileOption

    @OptionGroup var input: FeatureInput

    @Option(help: "Where to write predictions (.csv, or .npy for float64).")
    var output: String

    @OptionGroup var prediction: PredictionFlags

    func run() throws {
        let loaded = try model.load()
        let options = prediction.options
        let columns = try loaded.outputColumnNames(for: options)
        if let onnx = loaded as? ONNXModel, onnx.needsNamedInputs, input.input.lowercased().hasSuffix(".csv") {
            // Several graph inputs or string inputs: CSV columns by name (or position), text kept.
            let (values, rows) = try onnx.inputValues(contentsOfCSV: input.input)
            let p = try onnx.predictWithLabels(inputs: values, rowCount: rows, options: options)
            if onnx.hasLabels {
                try DataFiles.writeLabeledTable(path: output, header: p.columnNames, labels: p.labels.map(\.description), scores: p.scores)
            } else {
                try DataFiles.writeTable(path: output, header: p.columnNames, rows: p.scores.rows, values: p.scores.elements)
            }
            return
        }
        let features = try input.read()
        if let onnx = loaded as? ONNXModel, onnx.hasLabels {
            let p = try onnx.predictWithLabels(features, options: options)
            try DataFiles.writeLabeledTable(path: output, header: p.columnNames, labels: p.labels.map(\.description), scores: p.scores)
            return
        }
        let predictions = try loaded.predict(features, options: options)
        try DataFiles.writeTable(path: output, header: columns, rows: predictions.rows, values: predictions.elements)
    }
}

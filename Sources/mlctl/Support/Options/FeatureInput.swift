import ArgumentParser
import MLCore

/// `--input X`: the feature matrix a model scores, CSV or `.npy`.
struct FeatureInput: ParsableArguments {
    @Option(help: "Features: CSV with a header row, or a 2-D float32/float64 .npy.")
    var input: String

    /// The features (see ``DataFiles/readFeatures(path:)``).
    func read() throws -> Matrix<Float> { try DataFiles.readFeatures(path: input) }
}

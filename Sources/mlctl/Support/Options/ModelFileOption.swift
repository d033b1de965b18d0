import ArgumentParser
import MLModels

/// `--model PATH`: a model file whose format is detected from its content.
struct ModelFileOption: ParsableArguments {
    @Option(help: "The model file (XGBoost JSON/UBJSON, LightGBM text, ONNX, swift-mlops JSON; format detected from its content).")
    var model: String

    /// The loaded model.
    func load() throws -> any PredictiveModel { try ModelLoader.load(contentsOf: model) }
}

import ArgumentParser
import MLCore
import MLModels
import MLValidation

/// `mlctl quantize --model IN --data X.{csv,npy} --output OUT.json [--json]`.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Quantize a model (tree thresholds, or INT8 per-channel weights of linear/MLP ONNX graphs) with a parity check.",
        discussion: """
            Tree ensembles: features are mapped once to per-feature 16-bit bins and numeric nodes compare \
            integers; every numeric node decision on the rows of --data is compared with the float model and \
            must agree. Linear and MLP ONNX graphs: MatMul/Gemm weights and linear coefficients become \
            symmetric per-channel INT8; outputs must stay within --max-abs-diff and at most --max-flips rows \
            may change their label. The quantized model (swift-mlops JSON) is written only when the check \
            passes. Exit 1 when it fails, 2 for bad input (unreadable files, a feature-count mismatch, a \
            graph with nothing to quantize).
            """
    )

    @OptionGroup var model: ModelFileOption

    @Option(help: "Rows to check the quantized model on: CSV with a header row, or a 2-D .npy.")
    var data: String

    @Option(help: "Where to write the quantized model (.json).")
    var output: String

    @Option(help: "Linear/MLP graphs: largest allowed |difference| of an output value.")
    var maxAbsDiff = 0.01

    @Option(help: "Linear/MLP graphs: rows allowed to change their label.")
    var maxFlips = 0

    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if !(maxAbsDiff >= 0) { throw ValidationError("--max-abs-diff must be a number ≥ 0") }
        if maxFlips < 0 { throw ValidationError("--max-flips must be ≥ 0") }
    }

    func run() throws {
        let features = try DataFiles.readFeatures(path: data)
        let r: QuantizationReport
        let bytes: [UInt8]
        let scheme: String
        if try model.load() is ONNXModel {
            let result = try ModelQuantizer.quantizeWeights(
                contentsOf: model.model, data: features, toleranceAbs: maxAbsDiff, decisionFlipsAllowed: maxFlips)
            (r, bytes) = (result.report, result.json)
            scheme = "\(r.scheme) (\(r.quantizedWeightTensors) weight tensors)"
        } else {
            let result = try ModelQuantizer.quantizeTrees(contentsOf: model.model, data: features)
            (r, bytes) = (result.report, result.json)
            scheme = "\(r.scheme) (max \(result.model.modelDescription.details["bin_edges_max"] ?? "?") edges per feature)"
        }
        if r.passed {
            try TextFile.write(String(decoding: bytes, as: UTF8.self), to: output)
        }
        try jsonOutput.emit(r) {
            print(
                """
                model:       \(model.model) → \(r.passed ? output : "(not written)")
                scheme:      \(scheme)
                rows:        \(r.rows)
                node decisions compared: \(r.nodeDecisions), mismatches: \(r.nodeDecisionMismatches)
                outputs:     max |Δ| \(r.maxAbsDifference) (allowed \(r.toleranceAbs)), mean |Δ| \(r.meanAbsDifference), decision flips \(r.decisionFlips) (allowed \(r.decisionFlipsAllowed))
                parity:      \(r.passed ? "passed" : "FAILED")
                """)
        }
        if !r.passed {
            throw CheckFailed(
                summary: "\(r.nodeDecisionMismatches) node decisions and \(r.decisionFlips) decisions differ, max |Δ| \(r.maxAbsDifference)")
        }
    }
}

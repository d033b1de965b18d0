import MLCore

/// A model exported to ONNX (skl2onnx, onnxmltools), scored by MLModels' own graph
/// executor — no ONNX Runtime, no Python.
///
/// The graph takes one or more inputs — `float`, `double`, `int64`, `int32` or `string`, each
/// `[N, k]` with a fixed `k` or `[N]` — listed in ``inputs``. Their columns, one input after
/// another, form the model's feature row (``schema``): numeric graphs score through the
/// ``PredictiveModel`` API, and any graph (string inputs included, as a `ColumnTransformer`
/// export has them) through ``predictWithLabels(inputs:rowCount:options:)`` with values by
/// input name. The graph produces either
/// - a label (`int64` or `string`, `[N]`) and class scores (`float [N, K]`, K ≥ 2, or
///   ZipMap's maps): a classifier (``OutputKind/binaryProbability`` for K = 2 — the value is
///   the probability of the second class —, ``OutputKind/multiclassProbabilities(classCount:)``
///   otherwise);
/// - a label and one score per row (`[N, 1]`): an anomaly detector (scikit-learn's
///   IsolationForest: label 1 inlier / −1 outlier; the value is `decision_function`, *lower*
///   is more anomalous);
/// - one `float` output `[N, T]`: a regressor (T values per row).
///
/// Ops are evaluated as onnxruntime 1.32 does on CPU, in the graph's own precision (float32
/// stays float32), so outputs match it to about 1e-7. Tree ensembles run on the same flat
/// engine as the native XGBoost and LightGBM models when that is exact (see `Docs/Models.md`).
/// Supported opsets: `ai.onnx` 7–22, `ai.onnx.ml` 1–5; the ops are listed in
/// ``supportedOperators``. Loading validates the whole graph (opsets, attribute types,
/// dangling inputs, cycles, initializer sizes) and runs it once on probe rows, so shape
/// errors surface at load time as ``ModelLoadingError``.
///
/// Immutable and `Sendable`: share one instance across tasks.
///
/// ```swift
/// let model = try ONNXModel(contentsOf: "rf.onnx")
/// let p = try model.predict(x)                       // rows × 1: P(class 1)
/// let labeled = try model.predictWithLabels(x)       // label, p0, p1 per row
/// ```
public struct ONNXModel: PredictiveModel {
    /// The feature count: the columns of all graph inputs, in ``inputs`` order (ONNX files
    /// carry no feature names; a graph with one input per column names its inputs instead).
    public internal(set) var schema: InputSchema
    /// What ``predict(_:rowCount:into:options:)`` writes: see the type's documentation.
    public let outputKind: OutputKind
    /// ONNX graphs expose no margin before a link function: always `false`.
    public var hasLinkFunction: Bool { false }
    /// Format, producer, objective, classes and, in `details`: IR version, opsets, ops, graph
    /// size, input and outputs, `row_separable`, `plan_steps`, `tree_engine` (`flat` or `generic`).
    public internal(set) var modelDescription: ModelDescription
    /// Name of the (first) graph input.
    public var inputName: String { inputs.first?.name ?? "" }
    /// The graph inputs in declaration order: name, element type, shape and the feature
    /// columns each takes.
    public let inputs: [ONNXInput]
    /// Names of the graph outputs read: `[label, scores]` or `[values]`.
    public let outputNames: [String]
    /// Whether the graph outputs a label per row (classifiers, anomaly detectors).
    public var hasLabels: Bool { labelSlot != nil }
    /// The class labels in score-column order, as text, when the graph names them
    /// (classifier ops, ZipMap, a label lookup table); `nil` otherwise.
    public let classLabels: [String]?
    /// Score columns per row of ``predictWithLabels(_:options:)``: K for classifiers, 1 for
    /// anomaly detectors, T for regressors.
    public let scoreWidth: Int

    let plan: _ONNXPlan
    let graphInputs: _ONNXGraphInputs
    let labelSlot: Int?
    let scoreSlot: Int
    /// Rows can be scored in independent chunks (every input-dependent value keeps one row
    /// per input row), so batches run in bounded memory and across threads.
    let rowSeparable: Bool
    let workspaces: _ONNXWorkspaceCache
    /// The graph's only step when it is one tree ensemble on the flat engine reading the float
    /// input directly and writing the score output: single rows then skip the graph executor
    /// (no tensors) and run the same code as native XGBoost/LightGBM models.
    let directTrees: _ONNXDirectTreeScorer?

    /// Rows per chunk for batch scoring of row-separable graphs.
    static let chunkRows = 512

    /// Every op the executor implements, as `domain:op`.
    public static var supportedOperators: [String] { _ONNXOperators.names }

    /// Loads an ONNX model file.
    /// - Throws: ``ModelLoadingError`` (with `file` set): `.io` when unreadable, `.malformed`
    ///   for bytes that are not an ONNX protobuf, `.unsupported` for an op, domain, opset or
    ///   type this executor lacks (naming the node and op), `.invalidValue` / `.inconsistent`
    ///   for a malformed graph (naming the node and attribute).
    public init(contentsOf path: String) throws {
        do {
            try self.init(bytes: try _FileBytes.contents(of: path))
        } catch let error as ModelLoadingError {
            throw error.at(path: path)
        }
    }

    /// Loads an ONNX model from the bytes of a `.onnx` file: the graph is validated and built
    /// into a plan, probed on rows of zeros, specialized (tree ensembles on the flat engine) and
    /// stripped of copy steps.
    /// - Throws: ``ModelLoadingError`` as ``init(contentsOf:)``.
    public init(bytes: [UInt8]) throws {
        let proto = try _ONNXPlan.decode(bytes)
        let built = try _ONNXPlan.build(proto)
        let input = try _ONNXGraphInputs(built, fileSize: bytes.count)
        let (specialized, trees) = built.specializingKernels(probe: try input.probe(built, rows: 2))
        let small = try input.probe(specialized, rows: 2)
        let large = try input.probe(specialized, rows: 5)
        let probedOutputs = try _ONNXGraphOutputs(specialized, small: small, large: large, fileSize: bytes.count)
        let separable = specialized.isRowSeparable(small: small, large: large)
        let labels = probedOutputs.labelSlot != nil && probedOutputs.width >= 2 ? specialized.classLabels(width: probedOutputs.width) : nil
        // Fuse dense layers, drop steps that only copy values; the output slots follow their aliases.
        let plan = specialized.fusingDenseLayers(probe: small).removingCopies(probe: small)
        let outputs = probedOutputs.following(plan)
        let direct = plan.directScorer(input: input, outputs: outputs)
        modelDescription = Self.describing(
            proto, plan: plan, input: input, outputs: outputs, classLabels: labels, trees: trees,
            details: [
                "row_separable": separable ? "true" : "false",
                "plan_steps": "\(plan.steps.count) (\(specialized.steps.count - plan.steps.count) copy or fused steps removed)",
                "single_row": direct != nil ? "tree engine" : "graph executor",
            ])
        schema = InputSchema(featureCount: input.featureCount)
        outputKind = outputs.kind
        inputs = input.columns.map {
            ONNXInput(name: $0.name, elementType: $0.type.description, shape: $0.isVector ? [nil] : [nil, $0.width], featureOffset: $0.offset)
        }
        outputNames = outputs.names
        classLabels = labels
        scoreWidth = outputs.width
        self.plan = plan
        graphInputs = input
        labelSlot = outputs.labelSlot
        scoreSlot = outputs.scoreSlot
        rowSeparable = separable
        workspaces = _ONNXWorkspaceCache()
        directTrees = direct
    }
}

/// A graph input of an ``ONNXModel``.
public struct ONNXInput: Sendable, Hashable {
    /// The input's name in the graph (a column name for exports with one input per column).
    public let name: String
    /// ONNX element type: `float`, `double`, `int64`, `int32` or `string`.
    public let elementType: String
    /// Declared shape: `[nil, k]` (rows × k columns) or `[nil]` (one value per row); `nil` is
    /// the row dimension.
    public let shape: [Int?]
    /// The first column of the model's feature row this input takes (it takes `shape.last`
    /// columns, or 1 for `[nil]`).
    public let featureOffset: Int

    /// Columns per row.
    public var width: Int { (shape.count == 2 ? shape[1] : nil) ?? 1 }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import MLCore
import Synchronization

/// A model exported to ONNX (skl2onnx, onnxmltools), scored by MLModels' own graph
/// executor — no ONNX Runtime, no Python.
///
/// The graph must take one `float` (or `double`) input of shape `[N, F]` with a fixed `F`, and
/// produce either
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
/// Supported opsets: `ai.onnx` 7–21, `ai.onnx.ml` 1–4; the ops are listed in
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
    /// The feature count `F` of the graph's `[N, F]` input (ONNX files carry no feature names).
    public internal(set) var schema: InputSchema
    /// What ``predict(_:rowCount:into:options:)`` writes: see the type's documentation.
    public let outputKind: OutputKind
    /// ONNX graphs expose no margin before a link function: always `false`.
    public var hasLinkFunction: Bool { false }
    /// Format, producer, objective, classes and, in `details`: IR version, opsets, ops, graph
    /// size, input and outputs, `row_separable`, `plan_steps`, `tree_engine` (`flat` or `generic`).
    public internal(set) var modelDescription: ModelDescription
    /// Name of the graph input the features are fed to.
    public let inputName: String
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
    let inputSlot: Int
    let inputType: _ONNXElementType
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
            throw error.at(file: path)
        }
    }

    /// Loads an ONNX model from the bytes of a `.onnx` file.
    /// - Throws: ``ModelLoadingError`` as ``init(contentsOf:)``.
    public init(bytes: [UInt8]) throws {
        let proto = try _ONNXPlan.decode(bytes)
        var plan = try _ONNXPlan.build(proto)
        // The input.
        guard plan.inputs.count == 1, let input = plan.inputs.first else {
            throw ModelLoadingError(
                .unsupported, "the graph has \(plan.inputs.count) inputs; one feature matrix input is supported", key: "input")
        }
        let type = input.type ?? .float
        guard type == .float || type == .double else {
            throw ModelLoadingError(.unsupported, "input '\(input.name)' has type \(type); float or double is supported", key: "input")
        }
        guard let dims = input.dims, dims.count == 2, let features = dims[1], features > 0 else {
            throw ModelLoadingError(
                .unsupported, "input '\(input.name)' must have shape [N, F] with a fixed feature count F", key: "input")
        }
        try _LoadCost.checkFeatureCount(features, fileSize: bytes.count, key: "input")
        // Probe runs: 2 and 5 rows of zeros. They validate shapes and types end to end and
        // show which values keep one row per input row.
        func probe(_ plan: _ONNXPlan, rows: Int) throws -> _ONNXRunContext {
            var context = plan.makeContext()
            do {
                var x = _ONNXTensor()
                try x.reset(type, shape: _ONNXShape(rows, features))
                context.values[input.slot] = x
                try _ONNXTensor.$elementLimit.withValue(_ONNXTensor.probeElementLimit) { try plan.run(&context) }
            } catch let e as _ONNXError {
                throw ModelLoadingError(
                    e.isUnsupported ? .unsupported : .inconsistent, "graph check on \(rows) probe rows failed: \(e.message)",
                    node: e.nodeIndex)
            }
            return context
        }
        var small = try probe(plan, rows: 2)
        // Tree ensembles with a known input width move to the flat engine.
        var flatEnsembles = 0
        var treeCount = 0
        var nodeCount = 0
        var leafCount = 0
        var maxDepth = 0
        plan = plan.replacingKernels { step in
            guard let k = step.kernel as? _TreeEnsembleKernel, let slot = step.inputs.first, slot >= 0 else { return nil }
            treeCount += k.ensemble.treeCount
            nodeCount += k.ensemble.nodeCount
            leafCount += k.ensemble.leafCount
            maxDepth = Swift.max(maxDepth, k.ensemble.maxDepth)
            let x = small.values[slot]
            guard x.rank == 2, x.type == .float || x.type.isInteger else { return nil }
            let prepared = k.preparingForest(featureCount: x.shape[1])
            if prepared.usesForest { flatEnsembles += 1 }
            return prepared
        }
        small = try probe(plan, rows: 2)
        let large = try probe(plan, rows: 5)
        // Outputs.
        func rowsMatch(_ t: _ONNXTensor, _ rows: Int) -> Bool { t.rank >= 1 && t.shape[0] == rows }
        let outs = plan.outputs
        var labelSlot: Int?
        var scoreSlot: Int
        var names: [String]
        if outs.count == 2 {
            let a = small.values[outs[0].slot]
            let b = small.values[outs[1].slot]
            let aIsLabel = a.type == .int64 || a.type == .string
            let bIsLabel = b.type == .int64 || b.type == .string
            guard aIsLabel != bIsLabel else {
                throw ModelLoadingError(
                    .unsupported, "outputs '\(outs[0].name)' (\(a.type)) and '\(outs[1].name)' (\(b.type)) are not a label and scores",
                    key: "output")
            }
            let (l, s) = aIsLabel ? (outs[0], outs[1]) : (outs[1], outs[0])
            labelSlot = l.slot
            scoreSlot = s.slot
            names = [l.name, s.name]
        } else if outs.count == 1 {
            scoreSlot = outs[0].slot
            names = [outs[0].name]
        } else {
            throw ModelLoadingError(
                .unsupported, "the graph has \(outs.count) outputs; [label, scores] or [values] is supported", key: "output")
        }
        for (ctx, rows) in [(small, 2), (large, 5)] {
            let s = ctx.values[scoreSlot]
            guard s.type == .float || s.type == .double, rowsMatch(s, rows), s.rank <= 2 else {
                throw ModelLoadingError(
                    .unsupported, "output '\(names.last ?? "")' must be float [N, K] (got \(s.type) \(s.shape) for \(rows) rows)",
                    key: "output")
            }
            if let labelSlot {
                let l = ctx.values[labelSlot]
                guard rowsMatch(l, rows), l.count == rows else {
                    throw ModelLoadingError(
                        .unsupported, "label output '\(names[0])' must have one value per row (got \(l.shape) for \(rows) rows)",
                        key: "output")
                }
            }
        }
        let probeScores = small.values[scoreSlot]
        let width = probeScores.rank == 2 ? probeScores.shape[1] : 1
        guard width >= 1, large.values[scoreSlot].count == 5 * width else {
            throw ModelLoadingError(.unsupported, "the score width depends on the number of rows", key: "output")
        }
        try _LoadCost.checkOutputCount(width, fileSize: bytes.count, key: "output")
        let kind: OutputKind
        let objective: String
        if labelSlot != nil {
            if width == 1 {
                kind = .anomalyScore
                objective = "anomaly"
            } else {
                kind = width == 2 ? .binaryProbability : .multiclassProbabilities(classCount: width)
                objective = width == 2 ? "binary" : "multiclass"
            }
        } else {
            kind = .regressionValue
            objective = "regression"
        }
        // Row separability: every input-dependent value must lay its elements out in row blocks —
        // exactly one axis grows with the rows (2 → 5), only 1s before it, the rest fixed — and no
        // op may combine values along that axis without changing its size.
        var separable = true
        var rowAxis = [Int](repeating: -1, count: plan.slotCount)
        for slot in 0..<plan.slotCount where plan.dependsOnInput[slot] && separable {
            let a = small.values[slot]
            let b = large.values[slot]
            guard a.rank >= 1, a.rank == b.rank else {
                separable = false
                break
            }
            var axis = -1
            for d in 0..<a.rank where a.shape[d] != b.shape[d] {
                if axis >= 0 || a.shape[d] != 2 || b.shape[d] != 5 { separable = false }
                axis = d
            }
            for d in 0..<max(axis, 0) where a.shape[d] != 1 { separable = false }
            if axis < 0 { separable = false }
            rowAxis[slot] = axis
        }
        for step in plan.steps where separable {
            guard let first = step.inputs.first, first >= 0, plan.dependsOnInput[first] else {
                if step.kernel is _DynamicQuantizeLinearKernel, step.inputs.contains(where: { $0 >= 0 && plan.dependsOnInput[$0] }) {
                    separable = false
                }
                continue
            }
            let x = small.values[first]
            switch step.kernel {
            case let k as _SoftmaxKernel:
                // Softmax mixes along its axis (before opset 13, along all axes from it on).
                if let a = try? _onnxAxis(k.axis, rank: x.rank, inclusive: k.flattening),
                    k.flattening ? a <= rowAxis[first] : a == rowAxis[first]
                {
                    separable = false
                }
            case is _NormalizerKernel:
                if x.rank != 2 || rowAxis[first] != 0 { separable = false }
            case is _DynamicQuantizeLinearKernel:
                separable = false
            default:
                break
            }
        }
        let labels = Self.findClassLabels(plan, labelSlot: labelSlot, scoreSlot: scoreSlot, width: width)
        // Drop steps that only copy values; the output slots follow their aliases.
        let copySteps = plan.steps.count
        plan = plan.removingCopies(probe: small)
        let removed = copySteps - plan.steps.count
        let outputSlot = { (name: String) in plan.outputs.first { $0.name == name }?.slot }
        if let l = labelSlot { labelSlot = outputSlot(names[0]) ?? l }
        scoreSlot = outputSlot(names[names.count - 1]) ?? scoreSlot

        let direct = Self.directTreeKernel(
            plan, inputSlot: input.slot, inputType: type, featureCount: features, labelSlot: labelSlot, scoreSlot: scoreSlot
        ).flatMap { $0.ensemble.outputWidth == width ? _ONNXDirectTreeScorer($0, featureCount: features) : nil }
        var details: [String: String] = [
            "ir_version": String(proto.irVersion),
            "opsets": plan.opsets.keys.sorted().map { "\($0) \(plan.opsets[$0] ?? 0)" }.joined(separator: ", "),
            "ops": Array(Set(plan.operators)).sorted().joined(separator: " "),
            "graph_nodes": String(plan.nodeCount),
            "input": input.name,
            "outputs": names.joined(separator: ", "),
            "row_separable": separable ? "true" : "false",
            "plan_steps": "\(plan.steps.count) (\(removed) copy steps removed)",
            "single_row": direct != nil ? "tree engine" : "graph executor",
        ]
        if !proto.producerName.isEmpty { details["producer"] = proto.producerName }
        if treeCount > 0 {
            details["tree_engine"] = flatEnsembles > 0 ? "flat (\(flatEnsembles) ensemble(s))" : "generic"
        }
        if let labels { details["class_labels"] = labels.joined(separator: " ") }
        let producer = [proto.producerName, proto.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        modelDescription = ModelDescription(
            format: .onnx, framework: "onnx", frameworkVersion: producer.isEmpty ? nil : producer, objective: objective,
            outputKind: kind.name, featureCount: features, featureNames: nil,
            classCount: labelSlot != nil && width >= 2 ? width : nil, outputGroups: width, booster: nil,
            treeCount: treeCount > 0 ? treeCount : nil, iterationCount: nil, maxDepth: treeCount > 0 ? maxDepth : nil,
            nodeCount: treeCount > 0 ? nodeCount : nil, leafCount: treeCount > 0 ? leafCount : nil, details: details)
        schema = InputSchema(featureCount: features)
        outputKind = kind
        inputName = input.name
        outputNames = names
        classLabels = labels
        scoreWidth = width
        self.plan = plan
        inputSlot = input.slot
        inputType = type
        self.labelSlot = labelSlot
        self.scoreSlot = scoreSlot
        rowSeparable = separable
        workspaces = _ONNXWorkspaceCache()
        directTrees = direct
    }

    /// The tree-ensemble kernel of a graph that is exactly one flat-engine ensemble step from the
    /// float input to the score output (the label output, if any, also from that step).
    private static func directTreeKernel(
        _ plan: _ONNXPlan, inputSlot: Int, inputType: _ONNXElementType, featureCount: Int, labelSlot: Int?, scoreSlot: Int
    ) -> _TreeEnsembleKernel? {
        guard inputType == .float, plan.steps.count == 1, let step = plan.steps.first,
            let kernel = step.kernel as? _TreeEnsembleKernel, kernel.forest?.featureCount == featureCount,
            step.inputs.first == inputSlot
        else { return nil }
        let scoreIndex = kernel.ensemble.isClassifier ? 1 : 0
        guard step.outputs.count > scoreIndex, step.outputs[scoreIndex] == scoreSlot else { return nil }
        if let labelSlot, !(kernel.ensemble.isClassifier && step.outputs.first == labelSlot) { return nil }
        return kernel
    }

    /// The class labels, in score-column order, from the op that defines them.
    private static func findClassLabels(_ plan: _ONNXPlan, labelSlot: Int?, scoreSlot: Int, width: Int) -> [String]? {
        guard labelSlot != nil, width >= 2 else { return nil }
        for step in plan.steps {
            var labels: _ClassLabels?
            switch step.kernel {
            case let k as _TreeEnsembleKernel: labels = k.ensemble.labels
            case let k as _LinearClassifierKernel: labels = k.labels
            case let k as _ZipMapKernel: labels = k.labels
            default: break
            }
            if let labels, labels.count == width { return labels.texts }
        }
        return nil
    }

    // MARK: - PredictiveModel

    /// Values per row: 1 (binary probability, anomaly score), K (multiclass) or T (regression).
    /// - Throws: ``ScoringError/Code/unsupportedOutput`` for raw margins and leaf indices,
    ///   ``ScoringError/Code/invalidIterationRange`` for an iteration range.
    public func outputWidth(for options: PredictionOptions) throws -> Int {
        try check(options)
        switch outputKind {
        case .binaryProbability, .anomalyScore: return 1
        default: return scoreWidth
        }
    }

    private func check(_ options: PredictionOptions) throws {
        switch options.output {
        case .value: break
        case .rawMargin:
            throw ScoringError(.unsupportedOutput, "ONNX models have no raw margin: the graph's outputs are its values")
        case .leafIndex:
            throw ScoringError(.unsupportedOutput, "ONNX models do not report leaf indices")
        }
        if case .range = options.iterations {
            throw ScoringError(.invalidIterationRange, "ONNX models cannot select boosting iterations")
        }
    }

    /// Scores `rowCount` rows (row-major `Float`, NaN = missing) into `output`
    /// (`rowCount × outputWidth`): P(class 1) for binary classifiers, K probabilities for
    /// multiclass, the anomaly score, or the regression values.
    /// - Throws: ``ScoringError`` `.invalidShape` when `features` is too short (or when the graph
    ///   fails on these values, e.g. an index computed from the data is out of range),
    ///   `.outputBufferTooSmall`, `.unsupportedOutput` for raw margins or leaf indices.
    public func predict(
        _ features: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Double>,
        options: PredictionOptions = .default
    ) throws {
        let width = try outputWidth(for: options)
        try checkBuffers(features.count, rowCount, output.count, width)
        guard rowCount > 0, let x = features.baseAddress, let base = output.baseAddress else { return }
        let binary = outputKind == .binaryProbability
        let out = _UnsafeSendablePointer(pointer: base)
        let (scoreSlot, scoreWidth) = (self.scoreSlot, self.scoreWidth)
        try evaluate(x, rows: rowCount, threads: options.threads) { chunk, context in
            Self.copyScores(
                context.values[scoreSlot], rows: chunk.count, width: scoreWidth, binary: binary,
                into: out.pointer + chunk.lowerBound * width)
        }
    }

    /// A prepared scorer for one row at a time. A graph that is one tree ensemble (what
    /// onnxmltools writes for XGBoost and LightGBM) scores the row directly on the flat tree
    /// engine with stack scratch — the same code and speed as the native model, identical values
    /// to the graph run. Other graphs keep one reusable workspace per scorer (taken and returned
    /// with atomic exchanges, no lock): a lone caller allocates nothing per call once warm;
    /// concurrent callers that find it taken use a temporary one. A row the graph cannot
    /// evaluate (an index computed from the features out of range) yields NaN.
    /// - Throws: as ``outputWidth(for:)``.
    public func makeSingleRowScorer(options: PredictionOptions = .default) throws -> SingleRowScorer {
        let width = try outputWidth(for: options)
        let model = self
        let binary = outputKind == .binaryProbability
        if let trees = directTrees {
            return SingleRowScorer(featureCount: schema.featureCount, outputWidth: width) { x, out in
                trees.score(x, binary: binary, width: width, into: out)
            }
        }
        return SingleRowScorer(featureCount: schema.featureCount, outputWidth: width) { x, out in
            let workspace = model.workspaces.take() ?? _ONNXWorkspace(model.plan.makeContext())
            defer { model.workspaces.put(workspace) }
            do {
                try model.runChunk(x, rows: 1, &workspace.context.pointee)
                Self.copyScores(
                    workspace.context.pointee.values[model.scoreSlot], rows: 1, width: model.scoreWidth, binary: binary,
                    into: out)
            } catch {
                // A row the graph cannot evaluate (a data-dependent index out of range).
                for k in 0..<width { out[k] = .nan }
            }
        }
    }

    // MARK: - Labels

    /// Scores the rows of `features` and returns the graph's label per row with its scores:
    /// the columns `mlctl predict` writes for ONNX models (`label, p0 … pK-1`; `label, score`;
    /// `value` or `value0 …`).
    /// - Throws: ``ScoringError`` `.featureCountMismatch` when `features.columns` differs from
    ///   the schema; as ``predict(_:rowCount:into:options:)`` otherwise.
    public func predictWithLabels(_ features: Matrix<Float>, options: PredictionOptions = .default) throws -> ONNXPrediction {
        try check(options)
        guard features.columns == schema.featureCount else {
            throw ScoringError(
                .featureCountMismatch,
                "the model expects \(schema.featureCount) features, the input has \(features.columns) columns")
        }
        let rows = features.rows
        var values = [Double](repeating: 0, count: rows * scoreWidth)
        var labels: [ONNXLabel] = []
        labels.reserveCapacity(labelSlot == nil ? 0 : rows)
        let lock = Mutex<[Int: [ONNXLabel]]>([:])
        let width = scoreWidth
        try features.withUnsafeBufferPointer { xb in
            guard rows > 0, let x = xb.baseAddress else { return }
            try values.withUnsafeMutableBufferPointer { vb in
                guard let out = vb.baseAddress else { return }
                let target = _UnsafeSendablePointer(pointer: out)
                let (scoreSlot, labelSlot) = (self.scoreSlot, self.labelSlot)
                try evaluate(x, rows: rows, threads: options.threads) { chunk, context in
                    Self.copyScores(
                        context.values[scoreSlot], rows: chunk.count, width: width, binary: false,
                        into: target.pointer + chunk.lowerBound * width)
                    if let labelSlot {
                        let chunkLabels: [ONNXLabel]
                        switch context.values[labelSlot].storage {
                        case .string(let v): chunkLabels = v.prefix(chunk.count).map { .string($0) }
                        case .int64(let v): chunkLabels = v.prefix(chunk.count).map { .integer($0) }
                        default: chunkLabels = []
                        }
                        lock.withLock { $0[chunk.lowerBound] = chunkLabels }
                    }
                }
            }
        }
        if labelSlot != nil {
            let byChunk = lock.withLock { $0 }
            for start in byChunk.keys.sorted() { labels.append(contentsOf: byChunk[start] ?? []) }
        }
        let names: [String]
        switch outputKind {
        case .anomalyScore: names = ["label", "score"]
        case .regressionValue: names = width == 1 ? ["value"] : (0..<width).map { "value\($0)" }
        default: names = ["label"] + (0..<width).map { "p\($0)" }
        }
        let matrix: Matrix<Double>
        do {
            matrix = try Matrix(rows: rows, columns: width, elements: values)
        } catch {
            throw ScoringError(.invalidShape, "output \(rows)×\(width) is too large")
        }
        return ONNXPrediction(columnNames: names, labels: labels, scores: matrix)
    }

    // MARK: - Execution

    /// Copies the scores of `rows` rows (`width` per row) from a float or double tensor into
    /// `out`: all columns, or only column 1 (P(second class)) for binary classifiers.
    /// ``runChunk(_:rows:_:)`` has checked the tensor's size.
    @inline(__always)
    private static func copyScores(
        _ t: _ONNXTensor, rows: Int, width: Int, binary: Bool, into out: UnsafeMutablePointer<Double>
    ) {
        func copy<T: BinaryFloatingPoint>(_ a: [T]) {
            a.withUnsafeBufferPointer { s in
                guard s.count >= rows * width else { return }
                if binary {
                    for r in 0..<rows { out[r] = Double(s[r * width + 1]) }
                } else {
                    for i in 0..<(rows * width) { out[i] = Double(s[i]) }
                }
            }
        }
        switch t.storage {
        case .float(let a): copy(a)
        case .double(let a): copy(a)
        default: break
        }
    }

    private func checkBuffers(_ featureCount: Int, _ rows: Int, _ outputCount: Int, _ width: Int) throws {
        guard rows >= 0 else { throw ScoringError(.invalidShape, "negative row count \(rows)") }
        let (need, o1) = rows.multipliedReportingOverflow(by: schema.featureCount)
        guard !o1, featureCount >= need else {
            throw ScoringError(.invalidShape, "\(rows) rows × \(schema.featureCount) features need \(need) values, the input has \(featureCount)")
        }
        let (needOut, o2) = rows.multipliedReportingOverflow(by: width)
        guard !o2, outputCount >= needOut else {
            throw ScoringError(.outputBufferTooSmall, "\(rows) rows × \(width) outputs need \(needOut) values, the buffer has \(outputCount)")
        }
    }

    /// Runs the graph on `rows` rows at `x` in `context`.
    func runChunk(_ x: UnsafePointer<Float>, rows: Int, _ context: inout _ONNXRunContext) throws {
        let f = schema.featureCount
        var input = _ONNXTensor()
        swap(&input, &context.values[inputSlot])
        do {
            try input.reset(inputType, shape: _ONNXShape(rows, f))
        } catch {
            throw ScoringError(.invalidShape, "\(rows) rows × \(f) features is too large")
        }
        if inputType == .float {
            input.f32.withUnsafeMutableBufferPointer { d in
                for i in 0..<(rows * f) { d[i] = x[i] }
            }
        } else {
            input.f64.withUnsafeMutableBufferPointer { d in
                for i in 0..<(rows * f) { d[i] = Double(x[i]) }
            }
        }
        context.values[inputSlot] = input
        do {
            try plan.run(&context)
        } catch let e as _ONNXError {
            throw ScoringError(.invalidShape, e.message)
        }
        // Shapes can only change with the data through data-computed shapes; check the outputs.
        let scores = context.values[scoreSlot]
        guard scores.count == rows * scoreWidth else {
            throw ScoringError(.invalidShape, "output '\(outputNames.last ?? "")' has shape \(scores.shape) for \(rows) rows")
        }
        if let labelSlot, context.values[labelSlot].count != rows {
            throw ScoringError(.invalidShape, "output '\(outputNames[0])' has shape \(context.values[labelSlot].shape) for \(rows) rows")
        }
    }

    /// Runs the graph over all rows — in chunks (in parallel when `threads > 1`) for
    /// row-separable graphs, else at once — and hands each chunk's context to `consume`.
    /// Each row is computed by the same code whatever the chunking, so results do not
    /// depend on the thread count.
    private func evaluate(
        _ x: UnsafePointer<Float>, rows: Int, threads: Int,
        _ consume: @Sendable (Range<Int>, _ONNXRunContext) -> Void
    ) throws {
        let f = schema.featureCount
        guard rowSeparable, rows > Self.chunkRows else {
            var context = plan.makeContext()
            context.threads = Swift.max(1, threads)
            try runChunk(x, rows: rows, &context)
            consume(0..<rows, context)
            return
        }
        let chunks = (rows + Self.chunkRows - 1) / Self.chunkRows
        let workers = Swift.max(1, Swift.min(threads, chunks))
        let failure = Mutex<ScoringError?>(nil)
        let input = _UnsafeSendableReadPointer(pointer: x)
        let model = self
        withoutActuallyEscaping(consume) { consume in
            let work: @Sendable (Int) -> Void = { w in
                var context = model.plan.makeContext()
                var c = w
                while c < chunks {
                    let lo = c * Self.chunkRows
                    let hi = Swift.min(rows, lo + Self.chunkRows)
                    do {
                        try model.runChunk(input.pointer + lo * f, rows: hi - lo, &context)
                    } catch {
                        let e = error as? ScoringError ?? ScoringError(.invalidShape, "\(error)")
                        failure.withLock { if $0 == nil { $0 = e } }
                        return
                    }
                    consume(lo..<hi, context)
                    c += workers
                }
            }
            if workers == 1 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers, execute: work)
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
    }
}

/// A graph label: `int64` or `string`, as the model's label output holds them.
public enum ONNXLabel: Sendable, Hashable, CustomStringConvertible {
    /// An `int64` label (class label, or IsolationForest's 1 / −1).
    case integer(Int64)
    /// A `string` label.
    case string(String)

    /// The label as written in CSV output (`1`, `-1`, `setosa`).
    public var description: String {
        switch self {
        case .integer(let v): return String(v)
        case .string(let s): return s
        }
    }
}

/// Labels and scores of an ONNX model for a batch of rows, as ``ONNXModel/predictWithLabels(_:options:)``
/// returns them.
public struct ONNXPrediction: Sendable {
    /// Column names as `mlctl predict` writes them: `label, p0 … pK-1` (classifiers),
    /// `label, score` (anomaly detectors), `value` / `value0 …` (regressors).
    public let columnNames: [String]
    /// One label per row (empty for regressors).
    public let labels: [ONNXLabel]
    /// Scores, `rows × ONNXModel.scoreWidth`: class probabilities, the anomaly score, or the
    /// regression values.
    public let scores: Matrix<Double>
}

/// A run context handed to one single-row call at a time. `@unchecked Sendable` is safe:
/// the cache gives each workspace to exactly one caller (atomic exchange) until it is put back.
final class _ONNXWorkspace: @unchecked Sendable {
    /// The context, behind a pointer: a class's stored `var` passed `inout` costs a dynamic
    /// exclusivity check per call; the holder of the workspace is its only user anyway.
    let context: UnsafeMutablePointer<_ONNXRunContext>

    init(_ context: _ONNXRunContext) {
        self.context = .allocate(capacity: 1)
        self.context.initialize(to: context)
    }

    deinit {
        context.deinitialize(count: 1)
        context.deallocate()
    }
}

/// One reusable workspace for single-row scoring, taken and returned with atomic exchanges
/// (no lock). Concurrent callers that find it taken make their own, so a shared scorer never
/// blocks; a lone caller reuses it and allocates nothing.
final class _ONNXWorkspaceCache: Sendable {
    private let slot = Atomic<Unmanaged<_ONNXWorkspace>?>(nil)

    func take() -> _ONNXWorkspace? {
        slot.exchange(nil, ordering: .acquiring)?.takeRetainedValue()
    }

    func put(_ workspace: _ONNXWorkspace) {
        let u = Unmanaged.passRetained(workspace)
        let (exchanged, _) = slot.compareExchange(expected: nil, desired: u, ordering: .releasing)
        if !exchanged { u.release() }
    }

    deinit {
        slot.exchange(nil, ordering: .acquiring)?.release()
    }
}

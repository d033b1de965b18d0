/// ONNX files for models trained by MLTraining, in the shapes converters emit (skl2onnx for
/// logistic regression, onnxmltools for boosted trees), so onnxruntime and every ONNX consumer
/// score them: one `float` input `input` of shape `[N, features]`; classifiers give `label`
/// (`int64 [N]`) and `probabilities` (`float [N, classes]`), regressors `variable`
/// (`float [N, 1]`). Opsets: `ai.onnx.ml` 3 and the default domain 15.
package enum ONNXExport {
    /// A (multinomial) logistic regression, optionally behind a `Scaler`.
    package struct LinearClassifier: Sendable {
        /// Input columns.
        package var featureCount: Int
        /// Classes (2 for binary).
        package var classCount: Int
        /// `rows × featureCount`, row-major; one row for binary (the positive class's), else one
        /// per class.
        package var coefficients: [Double]
        /// One per row of `coefficients`.
        package var intercepts: [Double]
        /// The `Scaler` in front: `(x − offset) · scale`, or nil for none.
        package var offset: [Double]?
        /// The `Scaler`'s multipliers.
        package var scale: [Double]?

        package init(featureCount: Int, classCount: Int, coefficients: [Double], intercepts: [Double], offset: [Double]?, scale: [Double]?) {
            self.featureCount = featureCount
            self.classCount = classCount
            self.coefficients = coefficients
            self.intercepts = intercepts
            self.offset = offset
            self.scale = scale
        }
    }

    /// A tree node: a split (`feature ≥ 0`: left iff `x < threshold`, NaN left iff
    /// `missingLeft`) or a leaf (`feature == -1`, adds `value`).
    package struct TreeNode: Sendable {
        package var feature: Int
        package var threshold: Float
        package var missingLeft: Bool
        package var left: Int
        package var right: Int
        package var value: Float

        package init(feature: Int, threshold: Float, missingLeft: Bool, left: Int, right: Int, value: Float) {
            self.feature = feature
            self.threshold = threshold
            self.missingLeft = missingLeft
            self.left = left
            self.right = right
            self.value = value
        }
    }

    /// What a tree ensemble predicts.
    package enum TreeTask: Sendable {
        /// One margin, probability through the logistic function.
        case binary
        /// One margin per class, probabilities through softmax.
        case multiclass(classes: Int)
        /// One value.
        case regression
    }

    /// The `.onnx` bytes of a logistic regression.
    /// - Throws: ``ModelLoadingError`` when the arrays do not fit the counts or the graph does
    ///   not load back.
    package static func linearClassifier(_ m: LinearClassifier) throws -> [UInt8] {
        let f = m.featureCount
        let rows = m.classCount == 2 ? 1 : m.classCount
        guard f > 0, m.classCount >= 2, m.coefficients.count == rows * f, m.intercepts.count == rows,
            m.offset.map({ $0.count == f }) ?? true, m.scale.map({ $0.count == f }) ?? true
        else {
            throw ModelLoadingError(.inconsistent, "linear classifier export: arrays do not fit \(f) features and \(m.classCount) classes")
        }
        var nodes: [Onnx_NodeProto] = []
        var linearInput = "input"
        if let offset = m.offset, let scale = m.scale {
            nodes.append(node("Scaler", ["input"], ["scaled"], [.floats("offset", offset.map(Float.init)), .floats("scale", scale.map(Float.init))]))
            linearInput = "scaled"
        }
        // Binary as skl2onnx writes it: the negative class gets the negated weights, and the
        // logistic post-transform gives [1 − p, p].
        let coefficients = rows == 1 ? m.coefficients.map { -$0 } + m.coefficients : m.coefficients
        let intercepts = rows == 1 ? [-m.intercepts[0], m.intercepts[0]] : m.intercepts
        nodes.append(node("LinearClassifier", [linearInput], ["label", "probabilities"], [
            .ints("classlabels_ints", (0..<Int64(m.classCount)).map { $0 }),
            .floats("coefficients", coefficients.map(Float.init)), .floats("intercepts", intercepts.map(Float.init)),
            .int("multi_class", rows == 1 ? 0 : 1), .string("post_transform", rows == 1 ? "LOGISTIC" : "SOFTMAX"),
        ]))
        return try model(
            nodes, featureCount: f,
            outputs: [value("label", elementType: 7, width: nil), value("probabilities", elementType: 1, width: m.classCount)],
            graphName: "logistic_regression")
    }

    /// The `.onnx` bytes of a boosted tree ensemble (TreeEnsembleClassifier or
    /// TreeEnsembleRegressor, summed, `base_values` the starting margins).
    /// - Throws: ``ModelLoadingError`` when a tree refers outside itself or the graph does not
    ///   load back.
    package static func treeEnsemble(
        trees: [(nodes: [TreeNode], group: Int)], featureCount: Int, task: TreeTask, baseValues: [Float]
    ) throws -> [UInt8] {
        var treeIDs: [Int64] = [], nodeIDs: [Int64] = [], featureIDs: [Int64] = [], modes: [String] = []
        var values: [Float] = [], trueIDs: [Int64] = [], falseIDs: [Int64] = [], missing: [Int64] = []
        var wTrees: [Int64] = [], wNodes: [Int64] = [], wIDs: [Int64] = [], wValues: [Float] = []
        for (t, tree) in trees.enumerated() {
            for (k, n) in tree.nodes.enumerated() {
                treeIDs.append(Int64(t))
                nodeIDs.append(Int64(k))
                if n.feature < 0 {
                    featureIDs.append(0)
                    modes.append("LEAF")
                    values.append(0)
                    trueIDs.append(0)
                    falseIDs.append(0)
                    missing.append(0)
                    wTrees.append(Int64(t))
                    wNodes.append(Int64(k))
                    wIDs.append(Int64(tree.group))
                    wValues.append(n.value)
                } else {
                    guard n.left > 0, n.left < tree.nodes.count, n.right > 0, n.right < tree.nodes.count, n.feature < featureCount else {
                        throw ModelLoadingError(.inconsistent, "tree export: node \(k) refers outside the tree", tree: t, node: k)
                    }
                    featureIDs.append(Int64(n.feature))
                    modes.append("BRANCH_LT")
                    values.append(n.threshold)
                    trueIDs.append(Int64(n.left))
                    falseIDs.append(Int64(n.right))
                    missing.append(n.missingLeft ? 1 : 0)
                }
            }
        }
        var attributes: [Onnx_AttributeProto] = [
            .ints("nodes_treeids", treeIDs), .ints("nodes_nodeids", nodeIDs), .ints("nodes_featureids", featureIDs),
            .strings("nodes_modes", modes), .floats("nodes_values", values), .ints("nodes_truenodeids", trueIDs),
            .ints("nodes_falsenodeids", falseIDs), .ints("nodes_missing_value_tracks_true", missing),
            .floats("base_values", baseValues),
        ]
        switch task {
        case .binary, .multiclass:
            let classes: Int
            if case .multiclass(let k) = task { classes = k } else { classes = 2 }
            attributes += [
                .ints("class_treeids", wTrees), .ints("class_nodeids", wNodes), .ints("class_ids", wIDs),
                .floats("class_weights", wValues), .ints("classlabels_int64s", (0..<Int64(classes)).map { $0 }),
                .string("post_transform", classes == 2 ? "LOGISTIC" : "SOFTMAX"),
            ]
            return try model(
                [node("TreeEnsembleClassifier", ["input"], ["label", "probabilities"], attributes)], featureCount: featureCount,
                outputs: [value("label", elementType: 7, width: nil), value("probabilities", elementType: 1, width: classes)],
                graphName: "gradient_boosted_trees")
        case .regression:
            attributes += [
                .ints("target_treeids", wTrees), .ints("target_nodeids", wNodes), .ints("target_ids", wIDs),
                .floats("target_weights", wValues), .int("n_targets", 1), .string("aggregate_function", "SUM"),
                .string("post_transform", "NONE"),
            ]
            return try model(
                [node("TreeEnsembleRegressor", ["input"], ["variable"], attributes)], featureCount: featureCount,
                outputs: [value("variable", elementType: 1, width: 1)], graphName: "gradient_boosted_trees")
        }
    }

    static func node(_ op: String, _ inputs: [String], _ outputs: [String], _ attributes: [Onnx_AttributeProto]) -> Onnx_NodeProto {
        var n = Onnx_NodeProto()
        n.opType = op
        n.domain = "ai.onnx.ml"
        n.name = op
        n.input = inputs
        n.output = outputs
        n.attribute = attributes
        return n
    }

    /// A tensor value: `[N]` when `width` is nil, else `[N, width]`.
    static func value(_ name: String, elementType: Int32, width: Int?) -> Onnx_ValueInfoProto {
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        var shape = Onnx_TensorShapeProto()
        shape.dim = [batch]
        if let width {
            var d = Onnx_TensorShapeProto.Dimension()
            d.dimValue = Int64(width)
            shape.dim.append(d)
        }
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = elementType
        tensor.shape = shape
        var type = Onnx_TypeProto()
        type.tensorType = tensor
        var v = Onnx_ValueInfoProto()
        v.name = name
        v.type = type
        return v
    }

    static func model(_ nodes: [Onnx_NodeProto], featureCount: Int, outputs: [Onnx_ValueInfoProto], graphName: String) throws -> [UInt8] {
        var graph = Onnx_GraphProto()
        graph.name = graphName
        graph.node = nodes
        graph.input = [value("input", elementType: 1, width: featureCount)]
        graph.output = outputs
        var ml = Onnx_OperatorSetIdProto()
        ml.domain = "ai.onnx.ml"
        ml.version = 3
        var standard = Onnx_OperatorSetIdProto()
        standard.domain = ""
        standard.version = 15
        var proto = Onnx_ModelProto()
        proto.irVersion = 8
        proto.producerName = "swift-mlops"
        proto.opsetImport = [standard, ml]
        proto.graph = graph
        let bytes: [UInt8]
        do {
            bytes = try proto.serializedBytes()
        } catch {
            throw ModelLoadingError(.unsupported, "the ONNX export cannot be serialized (\(error))")
        }
        _ = try ONNXModel(bytes: bytes)
        return bytes
    }
}

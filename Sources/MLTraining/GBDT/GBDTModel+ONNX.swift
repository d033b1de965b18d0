import MLModels

extension GBDTModel {
    /// The model as an ONNX file, as onnxmltools converts an XGBoost booster:
    /// `TreeEnsembleClassifier` (binary: logistic post-transform giving `[1 − p, p]`; multiclass:
    /// softmax) or `TreeEnsembleRegressor`, splits `BRANCH_LT` with XGBoost's default
    /// directions, `base_values` the starting margins. Input `input` (`float [N, features]`);
    /// outputs `label` and `probabilities`, or `variable` for regression. ONNX sums leaves in
    /// float32 like XGBoost, so scores agree to float rounding.
    /// - Throws: ``TrainingError`` `.modelExport` when the graph cannot be built.
    public func onnx() throws -> [UInt8] {
        let exported = trees.map { tree in
            (
                nodes: tree.nodes.map { n in
                    ONNXExport.TreeNode(
                        feature: n.isLeaf ? -1 : n.feature, threshold: n.threshold, missingLeft: n.defaultLeft, left: n.left, right: n.right,
                        value: n.value)
                },
                group: tree.group
            )
        }
        let task: ONNXExport.TreeTask
        switch objective {
        case .binary: task = .binary
        case .multiclass: task = .multiclass(classes: classCount)
        case .regression: task = .regression
        }
        do {
            return try ONNXExport.treeEnsemble(trees: exported, featureCount: featureNames.count, task: task, baseValues: baseMargins)
        } catch {
            throw TrainingError(.modelExport, "the boosted trees have no ONNX form: \(error)")
        }
    }
}

extension ONNXModel {
    /// The model description of a loaded graph: format, producer, objective, classes, tree
    /// sizes and, in `details`, the graph's IR version, opsets, ops, size, input and outputs,
    /// plus the load-time findings in `findings`.
    static func describing(
        _ proto: Onnx_ModelProto, plan: _ONNXPlan, input: _ONNXGraphInputs, outputs: _ONNXGraphOutputs,
        classLabels: [String]?, trees: _ONNXTreeStatistics, details findings: [String: String]
    ) -> ModelDescription {
        var details: [String: String] = [
            "ir_version": String(proto.irVersion),
            "opsets": plan.opsets.keys.sorted().map { "\($0) \(plan.opsets[$0] ?? 0)" }.joined(separator: ", "),
            "ops": Array(Set(plan.operators)).sorted().joined(separator: " "),
            "graph_nodes": String(plan.nodeCount),
            "input": input.columns.map(\.name).joined(separator: ", "),
            "input_types": input.columns.map { "\($0.name): \($0.type) [\($0.isVector ? "N" : "N, \($0.width)")]" }.joined(separator: ", "),
            "outputs": outputs.names.joined(separator: ", "),
        ]
        details.merge(findings) { _, finding in finding }
        if !proto.producerName.isEmpty { details["producer"] = proto.producerName }
        let hasTrees = trees.treeCount > 0
        if hasTrees {
            details["tree_engine"] = trees.flatEnsembles > 0 ? "flat (\(trees.flatEnsembles) ensemble(s))" : "generic"
        }
        if let classLabels { details["class_labels"] = classLabels.joined(separator: " ") }
        let producer = [proto.producerName, proto.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        let width = outputs.width
        return ModelDescription(
            format: .onnx, framework: "onnx", frameworkVersion: producer.isEmpty ? nil : producer, objective: outputs.objective,
            outputKind: outputs.kind.name, featureCount: input.featureCount, featureNames: input.columns.count > 1 && input.columns.allSatisfy({ $0.width == 1 }) ? input.columns.map(\.name) : nil,
            classCount: outputs.labelSlot != nil && width >= 2 ? width : nil, outputGroups: width, booster: nil,
            treeCount: hasTrees ? trees.treeCount : nil, iterationCount: nil, maxDepth: hasTrees ? trees.maxDepth : nil,
            nodeCount: hasTrees ? trees.nodeCount : nil, leafCount: hasTrees ? trees.leafCount : nil, details: details)
    }
}

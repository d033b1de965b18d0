import MLCore

/// Writes an isolation forest trained by MLTraining as a native tree ensemble
/// (``ModelFormat/swiftMLOpsJSON``), so it loads and scores through the same ``TreeEnsembleModel``
/// fast path as every other forest.
///
/// Each leaf holds its path length `depth + c(n_leaf)` (scikit-learn's
/// `decision_path_length − 1 + average_path_length`); leaves are summed in `Double` in tree
/// order and the link `isolation_forest_score` turns the sum `m` into `2^(−m / (trees · c(ψ)))`,
/// which is scikit-learn's `score_samples` negated: in (0, 1], larger is more anomalous.
package enum IsolationForestDocument {
    /// One node: a split (`feature ≥ 0`, go left iff `x <= threshold`, NaN goes right) or a
    /// leaf (`feature == -1`, `value` its path length).
    package struct Node: Sendable, Equatable {
        package var feature: Int
        package var threshold: Float
        package var left: Int
        package var right: Int
        package var value: Double

        /// A split node.
        package static func split(feature: Int, threshold: Float, left: Int, right: Int) -> Node {
            Node(feature: feature, threshold: threshold, left: left, right: right, value: 0)
        }

        /// A leaf.
        package static func leaf(_ value: Double) -> Node {
            Node(feature: -1, threshold: 0, left: -1, right: -1, value: value)
        }
    }

    /// The native document's bytes for `trees` (node 0 of each tree is its root).
    /// - Parameters:
    ///   - normalizer: `trees.count · c(max_samples)`.
    ///   - details: written into `model.details` (e.g. `max_samples`, `seed`).
    /// - Throws: ``ModelLoadingError`` when the trees are not a valid forest (a child out of
    ///   range, a cycle, a non-finite leaf) or the document does not load back.
    package static func json(
        trees: [[Node]], featureNames: [String], normalizer: Double, details: [String: String]
    ) throws -> [UInt8] {
        let featureCount = featureNames.count
        var builder = try _ForestBuilder(featureCount: featureCount)
        var raw: [_RawTree] = []
        raw.reserveCapacity(trees.count)
        for (t, nodes) in trees.enumerated() {
            var leafID: Int32 = 0
            let converted: [_RawTree.Node] = nodes.map { n in
                if n.feature < 0 {
                    defer { leafID += 1 }
                    return .leaf(value: n.value, id: leafID, linear: nil)
                }
                return .numeric(feature: n.feature, threshold: n.threshold, nanLeft: false, left: n.left, right: n.right)
            }
            let tree = _RawTree(nodes: converted, group: 0)
            try builder.append(tree, index: t)
            raw.append(tree)
        }
        let built = builder.finish()
        let forest = _Forest(
            built: built, accumulation: .float64, groupCount: 1, featureCount: featureCount, baseMargin: [0],
            iterationStarts: Array(0...trees.count), averageOutput: false, link: .isolationScore(normalizer))
        let description = ModelDescription(
            format: .swiftMLOpsJSON, framework: "swift-mlops", objective: "isolation_forest", outputKind: OutputKind.anomalyScore.name,
            featureCount: featureCount, featureNames: featureNames, outputGroups: 1, treeCount: trees.count,
            iterationCount: trees.count, maxDepth: forest.maxDepth, nodeCount: built.nodes.count, leafCount: built.leafCount,
            details: details)
        let loaded = _LoadedTrees(
            forest: forest, schema: InputSchema(featureCount: featureCount, featureNames: featureNames), outputKind: .anomalyScore,
            hasLinkFunction: true, description: description, bestIteration: nil, rawTrees: raw)
        // The provenance names the model section's own digest: there is no other source file.
        var section = _NativeJSONWriter()
        _NativeTreeWriter.write(loaded, into: &section)
        let header = _NativeHeader(
            provenance: ModelProvenance(
                sourceFormat: .swiftMLOpsJSON, sourceSHA256: FileDigest.sha256Hex(of: section.bytes), sourceFile: nil,
                convertedBy: "swift-mlops MLTraining"),
            schema: loaded.schema, outputKind: .anomalyScore, hasLinkFunction: true)
        let bytes = try _NativeSource.trees(header: header, loaded: loaded, format: .swiftMLOpsJSON).json()
        _ = try ModelLoader.load(bytes: bytes, format: .swiftMLOpsJSON)
        return bytes
    }
}

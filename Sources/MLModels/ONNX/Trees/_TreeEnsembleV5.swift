#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// ai.onnx.ml 5's `TreeEnsemble`, rewritten at load time into the node lists of
/// `TreeEnsembleRegressor` (ai.onnx.ml 3, tensor attributes) as onnxruntime does
/// (`TreeEnsembleAttributesV5::convert_to_v3`), so one validated engine scores both:
///
/// - `tree_roots` index the interior nodes (`nodes_*`); a child is a leaf when its
///   `nodes_trueleafs` / `nodes_falseleafs` flag is set, and then indexes `leaf_targetids` /
///   `leaf_weights`;
/// - `nodes_modes` (uint8): 0 LEQ, 1 LT, 2 GTE, 3 GT, 4 EQ, 5 NEQ, 6 MEMBER; a MEMBER node
///   tests the next NaN-separated run of `membership_values` and becomes a chain of EQ nodes
///   that share its true child;
/// - `aggregate_function` 0 AVERAGE, 1 SUM (default), 2 MIN, 3 MAX; `post_transform`
///   0 NONE (default), 1 SOFTMAX, 2 LOGISTIC, 3 SOFTMAX_ZERO, 4 PROBIT.
///
/// Every index is checked, each node belongs to one tree, and the rewritten lists grow only
/// by the membership values, so the work is paid for by the file's own bytes.
enum _TreeEnsembleV5 {
    static func kernel(_ node: _ONNXNodeInfo) throws -> _TreeEnsembleKernel {
        let rewritten = try regressorNode(node)
        let info = try _ONNXNodeInfo(index: node.index, node: rewritten, domain: "ai.onnx.ml", opsetVersion: 3)
        return try _TreeEnsembleKernel(info, classifier: false)
    }

    /// The TreeEnsembleRegressor node equivalent to the TreeEnsemble node `node`.
    static func regressorNode(_ node: _ONNXNodeInfo) throws -> Onnx_NodeProto {
        try node.requireOnly([
            "aggregate_function", "leaf_targetids", "leaf_weights", "membership_values", "n_targets", "nodes_falseleafs",
            "nodes_falsenodeids", "nodes_featureids", "nodes_hitrates", "nodes_missing_value_tracks_true", "nodes_modes",
            "nodes_splits", "nodes_trueleafs", "nodes_truenodeids", "post_transform", "tree_roots",
        ])
        func required<T>(_ value: T?, _ name: String) throws -> T {
            guard let value else { throw _ONNXError("attribute '\(name)' is required") }
            return value
        }
        let roots = try required(node.ints("tree_roots"), "tree_roots")
        let features = try required(node.ints("nodes_featureids"), "nodes_featureids")
        let trueIDs = try required(node.ints("nodes_truenodeids"), "nodes_truenodeids")
        let falseIDs = try required(node.ints("nodes_falsenodeids"), "nodes_falsenodeids")
        let trueLeafs = try required(node.ints("nodes_trueleafs"), "nodes_trueleafs")
        let falseLeafs = try required(node.ints("nodes_falseleafs"), "nodes_falseleafs")
        let missing = try node.ints("nodes_missing_value_tracks_true") ?? []
        let modesTensor = try required(node.tensor("nodes_modes"), "nodes_modes")
        let splitsTensor = try required(node.tensor("nodes_splits"), "nodes_splits")
        let leafTargets = try required(node.ints("leaf_targetids"), "leaf_targetids")
        let weightsTensor = try required(node.tensor("leaf_weights"), "leaf_weights")
        let membership = try node.tensor("membership_values")
        try splitsTensor.require(.floating, "'nodes_splits'")
        try weightsTensor.require(.floating, "'leaf_weights'")
        guard let modes = modesTensor.integerValues() else {
            throw _ONNXError("'nodes_modes' has type \(modesTensor.type), expected uint8")
        }
        let splits = splitsTensor.doubleValues()
        let weights = weightsTensor.doubleValues()
        let n = features.count
        guard n > 0, !roots.isEmpty else { throw _ONNXError("the ensemble has no nodes or no trees") }
        for (name, count) in [
            ("nodes_truenodeids", trueIDs.count), ("nodes_falsenodeids", falseIDs.count), ("nodes_trueleafs", trueLeafs.count),
            ("nodes_falseleafs", falseLeafs.count), ("nodes_modes", modes.count), ("nodes_splits", splits.count),
        ] where count != n {
            throw _ONNXError("'\(name)' has \(count) entries, 'nodes_featureids' \(n)")
        }
        guard missing.count <= n else { throw _ONNXError("'nodes_missing_value_tracks_true' has \(missing.count) entries for \(n) nodes") }
        let leafCount = leafTargets.count
        guard weights.count == leafCount, leafCount > 0 else {
            throw _ONNXError("'leaf_weights' has \(weights.count) entries, 'leaf_targetids' \(leafCount)")
        }
        // Membership sets, in the order of the MEMBER nodes.
        var sets: [[Double]] = []
        if let membership {
            try membership.require(.floating, "'membership_values'")
            var current: [Double] = []
            for v in membership.doubleValues() {
                if v.isNaN {
                    sets.append(current)
                    current = []
                } else {
                    current.append(v)
                }
            }
            if !current.isEmpty { sets.append(current) }
        }
        let aggregate = try node.int("aggregate_function", default: 1, in: 0...3)
        let transform = try node.int("post_transform", default: 0, in: 0...4)
        let targets = try node.int("n_targets", default: 1, in: 1...1_000_000)

        // Emitted v3 lists.
        var treeIDs: [Int64] = []
        var nodeIDs: [Int64] = []
        var featureIDs: [Int64] = []
        var modeNames: [String] = []
        var values: [Double] = []
        var trueNext: [Int64] = []
        var falseNext: [Int64] = []
        var missingTrue: [Int64] = []
        var wTrees: [Int64] = []
        var wNodes: [Int64] = []
        var wTargets: [Int64] = []
        var wValues: [Double] = []
        // Ids: interior node i is i, leaf l is n + l, chain nodes follow.
        var nextID = Int64(n) + Int64(leafCount)
        var owner = [Int](repeating: -1, count: n)
        var leafOwner = [Int](repeating: -1, count: leafCount)
        var memberIndex = [Int](repeating: -1, count: n)
        var members = 0
        for i in 0..<n where modes[i] == 6 {
            memberIndex[i] = members
            members += 1
        }
        guard members <= sets.count else {
            throw _ONNXError("\(members) BRANCH_MEMBER nodes but 'membership_values' holds \(sets.count) sets")
        }
        let modeName = ["BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ"]

        for (t, root) in roots.enumerated() {
            guard root >= 0, root < Int64(n) else { throw _ONNXError("tree \(t): root \(root) is outside 0..<\(n)") }
            let tree = Int64(t)
            var stack = [Int(root)]
            /// The v3 id of a child (checked): interior node i is i, leaf l is n + l.
            func childID(_ id: Int64, isLeaf: Int64, of i: Int) throws -> Int64 {
                if isLeaf != 0 {
                    guard id >= 0, id < Int64(leafCount) else { throw _ONNXError("node \(i): leaf \(id) is outside 0..<\(leafCount)") }
                    return Int64(n) + id
                }
                guard id >= 0, id < Int64(n) else { throw _ONNXError("node \(i): child \(id) is outside 0..<\(n)") }
                return id
            }
            /// Claims a child for this tree: a leaf is written (after its parent, so that the
            /// root stays the first node of the tree), an interior node is queued.
            func claim(_ id: Int64, isLeaf: Int64) throws {
                if isLeaf != 0 {
                    let l = Int(id)
                    if leafOwner[l] == t { return }
                    guard leafOwner[l] == -1 else { throw _ONNXError("leaf \(l) belongs to trees \(leafOwner[l]) and \(t)") }
                    leafOwner[l] = t
                    guard leafTargets[l] >= 0, leafTargets[l] < targets else {
                        throw _ONNXError("leaf \(l) targets \(leafTargets[l]), outside 0..<\(targets)")
                    }
                    treeIDs.append(tree)
                    nodeIDs.append(Int64(n + l))
                    featureIDs.append(0)
                    modeNames.append("LEAF")
                    values.append(0)
                    trueNext.append(0)
                    falseNext.append(0)
                    missingTrue.append(0)
                    wTrees.append(tree)
                    wNodes.append(Int64(n + l))
                    wTargets.append(leafTargets[l])
                    wValues.append(weights[l])
                    return
                }
                let c = Int(id)
                if owner[c] == -1 {
                    stack.append(c)
                } else if owner[c] != t {
                    throw _ONNXError("node \(c) belongs to trees \(owner[c]) and \(t)")
                }
            }
            while let i = stack.popLast() {
                if owner[i] == t { continue }
                guard owner[i] == -1 else { throw _ONNXError("node \(i) belongs to trees \(owner[i]) and \(t)") }
                owner[i] = t
                guard features[i] >= 0 else { throw _ONNXError("node \(i) reads feature \(features[i])") }
                let tID = try childID(trueIDs[i], isLeaf: trueLeafs[i], of: i)
                let fID = try childID(falseIDs[i], isLeaf: falseLeafs[i], of: i)
                let miss: Int64 = i < missing.count && missing[i] == 1 ? 1 : 0
                let mode = modes[i]
                func emit(_ id: Int64, _ name: String, _ value: Double, _ onFalse: Int64) {
                    treeIDs.append(tree)
                    nodeIDs.append(id)
                    featureIDs.append(features[i])
                    modeNames.append(name)
                    values.append(value)
                    trueNext.append(tID)
                    falseNext.append(onFalse)
                    missingTrue.append(miss)
                }
                switch mode {
                case 0...5:
                    emit(Int64(i), modeName[Int(mode)], splits[i], fID)
                case 6:
                    // x ∈ {v1 … vm}: EQ v1, else EQ v2, …, else the false child. An empty set never holds.
                    let set = sets[memberIndex[i]]
                    if set.isEmpty {
                        emit(Int64(i), "BRANCH_EQ", .nan, fID)
                    } else {
                        var id = Int64(i)
                        for (k, v) in set.enumerated() {
                            let next = k == set.count - 1 ? fID : nextID
                            if k < set.count - 1 { nextID += 1 }
                            emit(id, "BRANCH_EQ", v, next)
                            id = next
                        }
                    }
                default:
                    throw _ONNXError("node \(i) has mode \(mode); 0 to 6 are defined")
                }
                try claim(falseIDs[i], isLeaf: falseLeafs[i])
                try claim(trueIDs[i], isLeaf: trueLeafs[i])
            }
        }
        // The v3 engine wants each tree's nodes together with its root first: sort by
        // (tree, emission order) — already so, since trees are walked one after another.
        var rewritten = Onnx_NodeProto()
        rewritten.opType = "TreeEnsembleRegressor"
        rewritten.domain = "ai.onnx.ml"
        rewritten.name = node.name
        rewritten.attribute = [
            .ints("nodes_treeids", treeIDs), .ints("nodes_nodeids", nodeIDs), .ints("nodes_featureids", featureIDs),
            .strings("nodes_modes", modeNames), .doubleTensor("nodes_values_as_tensor", values),
            .ints("nodes_truenodeids", trueNext), .ints("nodes_falsenodeids", falseNext),
            .ints("nodes_missing_value_tracks_true", missingTrue), .ints("target_treeids", wTrees),
            .ints("target_nodeids", wNodes), .ints("target_ids", wTargets), .doubleTensor("target_weights_as_tensor", wValues),
            .int("n_targets", targets),
            .string("aggregate_function", ["AVERAGE", "SUM", "MIN", "MAX"][aggregate]),
            .string("post_transform", ["NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT"][transform]),
        ]
        return rewritten
    }
}

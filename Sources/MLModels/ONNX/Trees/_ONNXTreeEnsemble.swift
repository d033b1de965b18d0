/// A validated ai.onnx.ml TreeEnsembleClassifier / TreeEnsembleRegressor, with onnxruntime's
/// exact semantics (tree_ensemble_common.h, tree_ensemble_aggregator.h, ml_common.h):
///
/// - Trees are runs of consecutive `nodes_treeids`; the first node of a run is the root.
///   Every node must be reachable from its root; a tree may share subtrees (onnxmltools'
///   BRANCH_EQ chains do) but must not have cycles.
/// - A branch node goes to its true child when `x MODE threshold`, or when `x` is NaN and
///   `nodes_missing_value_tracks_true` is 1 (BRANCH_NEQ is true for NaN anyway).
///   Thresholds are float32 for float inputs (double for double inputs).
/// - Leaves add their weights to the scores of their target/class, in tree order, in float32
///   (SUM, AVERAGE) or keep the MIN/MAX. With one target a leaf counts its first weight only.
/// - Base values, the binary one-weight-column case and `post_transform` follow
///   onnxruntime's aggregators, quirks included (see ``finalizeClassifier``).
final class _ONNXTreeEnsemble: Sendable {
    enum Mode: UInt8, Sendable { case leaf, leq, lt, gte, gt, eq, neq }
    enum Aggregate: String, Sendable { case sum = "SUM", average = "AVERAGE", min = "MIN", max = "MAX" }

    let isClassifier: Bool
    /// Targets (regressor) or classes (classifier): the score width before the binary expansion.
    let targetCount: Int
    let labels: _ClassLabels?
    let aggregate: Aggregate
    let transform: _PostTransform
    let baseValues: [Double]
    /// Classifier: two classes and every weight for the same class.
    let binaryCase: Bool
    let weightsArePositive: Bool

    // Nodes in file order.
    let feature: [Int32]
    let mode: [Mode]
    let thresholdF: [Float]
    let thresholdD: [Double]
    let trueNext: [Int32]
    let falseNext: [Int32]
    let missingTrue: [Bool]
    /// Leaf weights: `weightStart[i] ..< weightStart[i] + weightCount[i]` in the weight arrays.
    let weightStart: [Int32]
    let weightCount: [Int32]
    let weightTarget: [Int32]
    let weightF: [Float]
    let weightD: [Double]
    let roots: [Int32]
    /// Largest feature index any branch reads (-1 when there are none).
    let maxFeature: Int
    let maxDepth: Int
    let leafCount: Int

    var treeCount: Int { roots.count }
    var nodeCount: Int { feature.count }

    /// Score columns: classifiers always write at least two.
    var outputWidth: Int { isClassifier ? Swift.max(targetCount, 2) : targetCount }

    init(_ node: _ONNXNodeInfo, classifier: Bool) throws {
        isClassifier = classifier
        let p = classifier ? "class" : "target"
        let tensorAttrs = node.opsetVersion >= 3
        func floatsOrTensor(_ name: String) throws -> (f: [Float], d: [Double])? {
            let plain = try node.floats(name)
            let tensor = tensorAttrs ? try node.tensor(name + "_as_tensor") : nil
            if plain != nil && tensor != nil { throw _ONNXError("both '\(name)' and '\(name)_as_tensor' are given") }
            if let plain { return (plain, plain.map { Double($0) }) }
            if let tensor {
                try tensor.require(.floating, "'\(name)_as_tensor'")
                let d = tensor.type == .double ? tensor.f64 : tensor.f32.map { Double($0) }
                return (d.map { Float($0) }, d)
            }
            return nil
        }
        let treeIDs = try node.ints("nodes_treeids") ?? []
        let nodeIDs = try node.ints("nodes_nodeids") ?? []
        let featureIDs = try node.ints("nodes_featureids") ?? []
        let modeNames = try node.strings("nodes_modes") ?? []
        let values = try floatsOrTensor("nodes_values") ?? ([], [])
        let trueIDs = try node.ints("nodes_truenodeids") ?? []
        let falseIDs = try node.ints("nodes_falsenodeids") ?? []
        let missing = try node.ints("nodes_missing_value_tracks_true") ?? []
        let n = treeIDs.count
        guard n > 0 else { throw _ONNXError("the ensemble has no nodes") }
        for (name, count) in [
            ("nodes_nodeids", nodeIDs.count), ("nodes_featureids", featureIDs.count), ("nodes_modes", modeNames.count),
            ("nodes_values", values.f.count), ("nodes_truenodeids", trueIDs.count), ("nodes_falsenodeids", falseIDs.count),
        ] where count != n {
            throw _ONNXError("'\(name)' has \(count) entries, 'nodes_treeids' \(n)")
        }
        guard missing.count <= n else { throw _ONNXError("'nodes_missing_value_tracks_true' has \(missing.count) entries for \(n) nodes") }
        guard n < Int(Int32.max) else { throw _ONNXError("too many nodes") }

        // Labels / targets.
        if classifier {
            labels = try _ClassLabels(node, integers: "classlabels_int64s")
            targetCount = labels?.count ?? 0
            guard targetCount >= 2 else {
                throw _ONNXError("a classifier needs at least 2 class labels, got \(targetCount)", unsupported: targetCount == 1)
            }
            aggregate = .sum
        } else {
            labels = nil
            targetCount = try node.int("n_targets", default: 1, in: 1...1_000_000)
            aggregate = Aggregate(rawValue: try node.choice("aggregate_function", default: "SUM", ["SUM", "AVERAGE", "MIN", "MAX"])) ?? .sum
        }
        transform = try _PostTransform(node)
        baseValues = try floatsOrTensor("base_values")?.d ?? []

        // Nodes.
        var index: [TreeNodeKey: Int] = [:]
        index.reserveCapacity(n)
        var modes: [Mode] = []
        modes.reserveCapacity(n)
        var features: [Int32] = []
        features.reserveCapacity(n)
        var maxF = -1
        for i in 0..<n {
            let key = TreeNodeKey(tree: treeIDs[i], node: nodeIDs[i])
            guard index[key] == nil else { throw _ONNXError("node \(nodeIDs[i]) of tree \(treeIDs[i]) is listed twice") }
            index[key] = i
            let m: Mode
            switch modeNames[i] {
            case "LEAF": m = .leaf
            case "BRANCH_LEQ": m = .leq
            case "BRANCH_LT": m = .lt
            case "BRANCH_GTE": m = .gte
            case "BRANCH_GT": m = .gt
            case "BRANCH_EQ": m = .eq
            case "BRANCH_NEQ": m = .neq
            case "BRANCH_MEMBER":
                throw _ONNXError("node \(nodeIDs[i]) of tree \(treeIDs[i]) has mode BRANCH_MEMBER, which is not supported", unsupported: true)
            default: throw _ONNXError("node \(nodeIDs[i]) of tree \(treeIDs[i]) has unknown mode '\(modeNames[i])'")
            }
            modes.append(m)
            if m == .leaf {
                features.append(0)
            } else {
                let f = featureIDs[i]
                guard f >= 0, f < Int64(Int32.max) else {
                    throw _ONNXError("node \(nodeIDs[i]) of tree \(treeIDs[i]) reads feature \(f)")
                }
                features.append(Int32(f))
                maxF = Swift.max(maxF, Int(f))
            }
        }
        var tNext = [Int32](repeating: -1, count: n)
        var fNext = [Int32](repeating: -1, count: n)
        for i in 0..<n where modes[i] != .leaf {
            guard let t = index[TreeNodeKey(tree: treeIDs[i], node: trueIDs[i])] else {
                throw _ONNXError("node \(nodeIDs[i]) of tree \(treeIDs[i]): true child \(trueIDs[i]) does not exist")
            }
            guard let f = index[TreeNodeKey(tree: treeIDs[i], node: falseIDs[i])] else {
                throw _ONNXError("node \(nodeIDs[i]) of tree \(treeIDs[i]): false child \(falseIDs[i]) does not exist")
            }
            guard t != i, f != i else { throw _ONNXError("node \(nodeIDs[i]) of tree \(treeIDs[i]) points to itself") }
            tNext[i] = Int32(t)
            fNext[i] = Int32(f)
        }
        // Roots: the first node of each run of one tree id; a tree split in two runs is refused.
        var rootList: [Int32] = []
        var seenTrees = Set<Int64>()
        for i in 0..<n where i == 0 || treeIDs[i] != treeIDs[i - 1] {
            guard seenTrees.insert(treeIDs[i]).inserted else {
                throw _ONNXError("the nodes of tree \(treeIDs[i]) are not listed together")
            }
            rootList.append(Int32(i))
        }
        // Depth-first walk from each root: no cycles, every node reached, depth measured.
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on the path, 2 done
        var depthBelow = [Int32](repeating: 0, count: n)
        var deepest = 0
        for r in rootList {
            var stack: [(node: Int, stage: Int)] = [(Int(r), 0)]
            while let top = stack.last {
                let i = top.node
                if top.stage == 0 {
                    if state[i] == 2 {
                        stack.removeLast()
                        continue
                    }
                    guard state[i] == 0 else {
                        throw _ONNXError("tree \(treeIDs[i]) has a cycle through node \(nodeIDs[i])")
                    }
                    state[i] = 1
                    stack[stack.count - 1].stage = 1
                    if modes[i] != .leaf {
                        for c in [Int(fNext[i]), Int(tNext[i])] {
                            if state[c] == 1 { throw _ONNXError("tree \(treeIDs[i]) has a cycle through node \(nodeIDs[c])") }
                            if state[c] == 0 { stack.append((c, 0)) }
                        }
                    }
                } else {
                    stack.removeLast()
                    state[i] = 2
                    if modes[i] != .leaf {
                        depthBelow[i] = 1 + Swift.max(depthBelow[Int(tNext[i])], depthBelow[Int(fNext[i])])
                    }
                }
            }
            deepest = Swift.max(deepest, Int(depthBelow[Int(r)]))
        }
        if let unreached = state.firstIndex(where: { $0 != 2 }) {
            throw _ONNXError("node \(nodeIDs[unreached]) of tree \(treeIDs[unreached]) is not reachable from its root")
        }
        // Weights, grouped per leaf in (tree, node, file order) order as onnxruntime sorts them.
        let wTrees = try node.ints("\(p)_treeids") ?? []
        let wNodes = try node.ints("\(p)_nodeids") ?? []
        let wIDs = try node.ints("\(p)_ids") ?? []
        let wValues = try floatsOrTensor("\(p)_weights") ?? ([], [])
        guard wNodes.count == wTrees.count, wIDs.count == wTrees.count, wValues.f.count == wTrees.count else {
            throw _ONNXError(
                "'\(p)_treeids', '\(p)_nodeids', '\(p)_ids' and '\(p)_weights' have \(wTrees.count), \(wNodes.count), \(wIDs.count) and \(wValues.f.count) entries"
            )
        }
        var perLeaf = [[Int]](repeating: [], count: n)
        var positive = true
        var classesSeen = Set<Int64>()
        for k in 0..<wTrees.count {
            guard let leaf = index[TreeNodeKey(tree: wTrees[k], node: wNodes[k])] else {
                throw _ONNXError("weight \(k) names node \(wNodes[k]) of tree \(wTrees[k]), which does not exist")
            }
            guard wIDs[k] >= 0, wIDs[k] < Int64(targetCount) else {
                throw _ONNXError("weight \(k) is for \(p) \(wIDs[k]), outside 0..<\(targetCount)")
            }
            classesSeen.insert(wIDs[k])
            if wValues.d[k] < 0 { positive = false }
            // Weights on branch nodes are ignored (onnxruntime: old onnxmltools files have them).
            if modes[leaf] == .leaf { perLeaf[leaf].append(k) }
        }
        var start = [Int32](repeating: 0, count: n)
        var count = [Int32](repeating: 0, count: n)
        var targets: [Int32] = []
        var wf: [Float] = []
        var wd: [Double] = []
        for i in 0..<n {
            start[i] = Int32(targets.count)
            count[i] = Int32(perLeaf[i].count)
            for k in perLeaf[i] {
                targets.append(Int32(wIDs[k]))
                wf.append(wValues.f[k])
                wd.append(wValues.d[k])
            }
        }
        binaryCase = classifier && targetCount == 2 && classesSeen.count == 1
        weightsArePositive = positive
        feature = features
        mode = modes
        thresholdF = values.f
        thresholdD = values.d
        trueNext = tNext
        falseNext = fNext
        missingTrue = (0..<n).map { $0 < missing.count && missing[$0] == 1 }
        weightStart = start
        weightCount = count
        weightTarget = targets
        weightF = wf
        weightD = wd
        roots = rootList
        maxFeature = maxF
        maxDepth = deepest
        leafCount = modes.filter { $0 == .leaf }.count
    }

    struct TreeNodeKey: Hashable {
        let tree: Int64
        let node: Int64
    }
}

// MARK: - Traversal and aggregation

/// The arithmetic of one evaluation precision: float32 for float inputs, float64 for double.
protocol _TreeScalar: BinaryFloatingPoint {
    static func threshold(_ e: _ONNXTreeEnsemble, _ i: Int) -> Self
    static func weight(_ e: _ONNXTreeEnsemble, _ k: Int) -> Self
}

extension Float: _TreeScalar {
    @inline(__always) static func threshold(_ e: _ONNXTreeEnsemble, _ i: Int) -> Float { e.thresholdF[i] }
    @inline(__always) static func weight(_ e: _ONNXTreeEnsemble, _ k: Int) -> Float { e.weightF[k] }
}

extension Double: _TreeScalar {
    @inline(__always) static func threshold(_ e: _ONNXTreeEnsemble, _ i: Int) -> Double { e.thresholdD[i] }
    @inline(__always) static func weight(_ e: _ONNXTreeEnsemble, _ k: Int) -> Double { e.weightD[k] }
}

extension _ONNXTreeEnsemble {
    /// The leaf reached from `root` by the row `x` (validated trees: no cycles, in range).
    @inline(__always)
    func leaf<T: _TreeScalar>(_ root: Int32, _ x: UnsafePointer<T>, _: T.Type) -> Int {
        var i = Int(root)
        while true {
            let m = mode[i]
            if m == .leaf { return i }
            let v = x[Int(feature[i])]
            let t = T.threshold(self, i)
            let goTrue: Bool
            switch m {
            case .leq: goTrue = v <= t
            case .lt: goTrue = v < t
            case .gte: goTrue = v >= t
            case .gt: goTrue = v > t
            case .eq: goTrue = v == t
            case .neq: goTrue = v != t
            case .leaf: goTrue = false
            }
            i = Int(goTrue || (missingTrue[i] && v.isNaN) ? trueNext[i] : falseNext[i])
        }
    }

    /// Raw aggregated scores of one row (before base values): `scores[k]`, `has[k]` for
    /// `k < targetCount`, as onnxruntime's aggregators leave them.
    func aggregate<T: _TreeScalar>(
        _ x: UnsafePointer<T>, _ scores: UnsafeMutablePointer<T>, _ has: UnsafeMutablePointer<Bool>
    ) {
        let c = targetCount
        for k in 0..<c {
            scores[k] = 0
            has[k] = false
        }
        if c == 1 {
            // One target: each leaf counts its first weight, or its own node value without weights.
            for r in roots {
                let l = leaf(r, x, T.self)
                let v = weightCount[l] > 0 ? T.weight(self, Int(weightStart[l])) : T.threshold(self, l)
                switch aggregate {
                case .sum, .average: scores[0] += v
                case .min: if !has[0] || v < scores[0] { scores[0] = v }
                case .max: if !has[0] || v > scores[0] { scores[0] = v }
                }
                if aggregate == .min || aggregate == .max { has[0] = true }
            }
            return
        }
        for r in roots {
            let l = leaf(r, x, T.self)
            let s = Int(weightStart[l])
            for k in s..<(s + Int(weightCount[l])) {
                let j = Int(weightTarget[k])
                let v = T.weight(self, k)
                switch aggregate {
                case .sum, .average: scores[j] += v
                case .min: if !has[j] || v < scores[j] { scores[j] = v }
                case .max: if !has[j] || v > scores[j] { scores[j] = v }
                }
                has[j] = true
            }
        }
    }

    /// Final regressor outputs of one row from its aggregated scores (`targetCount` values).
    func finalizeRegressor<T: _TreeScalar>(
        _ scores: UnsafeMutablePointer<T>, _ has: UnsafeMutablePointer<Bool>, _ out: UnsafeMutablePointer<Float>
    ) {
        let c = targetCount
        let nTrees = T(treeCount)
        if c == 1 {
            let origin: T = baseValues.count == 1 ? T(baseValues[0]) : 0
            var v = scores[0]
            switch aggregate {
            case .sum: v = v + origin
            case .average: v = v / nTrees + origin
            case .min, .max: v = has[0] ? v + origin : origin
            }
            out[0] = transform == .probit ? _MLMath.probit(Float(v)) : Float(v)
            return
        }
        let useBase = baseValues.count == c
        for k in 0..<c {
            var v = scores[k]
            switch aggregate {
            case .sum: if useBase { v = v + T(baseValues[k]) }
            case .average: v = useBase ? v / nTrees + T(baseValues[k]) : v / nTrees
            case .min, .max: v = (useBase ? T(baseValues[k]) : 0) + (has[k] ? v : 0)
            }
            out[k] = Float(v)
        }
        _MLMath.apply(transform, out, c)
    }

    /// Label index and score columns of one classifier row, exactly as onnxruntime's
    /// `TreeAggregatorClassifier::FinalizeScores` and `write_scores`:
    ///
    /// - K > 2: base values are added (a class without score takes its base value), the label
    ///   is the first class with the largest score among those with a score.
    /// - K = 2 with weights for one class only ("binary case"): the score is the positive
    ///   class's; with all weights ≥ 0 the columns are `[1 − p, p]` (p = logistic(s) with
    ///   LOGISTIC, else s) and the label is class 1 when `s > 0.5`, otherwise `[−s, s]` (or
    ///   `[logistic(−s), logistic(s)]` with LOGISTIC) and the label is class 1 when `s > 0`.
    ///   SOFTMAX and SOFTMAX_ZERO leave the binary columns untransformed; PROBIT gives
    ///   `[probit(s), 0]` (onnxruntime leaves the second column undefined).
    /// - Scores a class never received count as 0 when written.
    ///
    /// Returns the label as an index into the class labels, or -1/-2 for onnxruntime's literal
    /// labels 0/1 (K = 2 with weights for both classes: "1 if score₁ > 0 else 0").
    ///
    /// With `secondOnly` (K = 2), only `out[1]` — P(class 1) — is guaranteed; `out[0]` may be left
    /// untransformed. The single-row path of binary models uses it to skip one `exp`.
    func finalizeClassifier<T: _TreeScalar>(
        _ scores: UnsafeMutablePointer<T>, _ has: UnsafeMutablePointer<Bool>, _ out: UnsafeMutablePointer<Float>,
        secondOnly: Bool = false
    ) -> Int {
        let c = targetCount
        if c > 2 {
            for k in 0..<Swift.min(baseValues.count, c) {
                if has[k] {
                    scores[k] += T(baseValues[k])
                } else {
                    has[k] = true
                    scores[k] = T(baseValues[k])
                }
            }
            var best = -1
            var bestScore: T = 0
            for k in 0..<c where has[k] && (best == -1 || scores[k] > bestScore) {
                best = k
                bestScore = scores[k]
            }
            for k in 0..<c { out[k] = has[k] ? Float(scores[k]) : 0 }
            _MLMath.apply(transform, out, c)
            return Swift.max(best, 0)
        }
        // Two classes.
        var size = 2
        var secondClass = -1
        switch baseValues.count {
        case 2:
            if has[1] {
                scores[1] = T(baseValues[1]) + scores[0]
                scores[0] = -scores[1]
            } else {
                scores[1] += T(baseValues[1])
                scores[0] += T(baseValues[0])
            }
        case 1:
            scores[0] += T(baseValues[0])
            if !has[1] { size = 1 }
        case 0:
            secondClass = 3
            if !has[1] { size = 1 }
        default:
            break
        }
        // _set_score_binary
        let score0: T = scores[0]
        let has0 = has[0]
        let useSecond = size == 2 && has[1]
        let positiveWeight: T = useSecond ? scores[1] : (has0 ? score0 : 0)
        var label: Int
        if binaryCase {
            if weightsArePositive {
                if positiveWeight > 0.5 {
                    secondClass = 0
                    label = 1
                } else {
                    secondClass = 1
                    label = 0
                }
            } else {
                if positiveWeight > 0 {
                    secondClass = 2
                    label = 1
                } else {
                    secondClass = 3
                    label = 0
                }
            }
        } else {
            label = positiveWeight > 0 ? -2 : -1
        }
        // write_scores
        let v0: Float = has[0] ? Float(scores[0]) : 0
        if size == 2 {
            out[0] = v0
            out[1] = has[1] ? Float(scores[1]) : 0
            if secondOnly, transform != .softmax, transform != .softmaxZero {
                _MLMath.apply(transform, out + 1, 1)  // element-wise transforms: out[1] alone
            } else {
                _MLMath.apply(transform, out, 2)
            }
            return label
        }
        if transform == .probit {
            out[0] = _MLMath.probit(v0)
            out[1] = 0
            return label
        }
        switch secondClass {
        case 0, 1:
            // onnxruntime 1.32 applies LOGISTIC here too (earlier versions did not).
            let p = transform == .logistic ? _MLMath.logistic(v0) : v0
            out[0] = 1 - p
            out[1] = p
        case 2, 3:
            if transform == .logistic {
                out[0] = secondOnly ? -v0 : _MLMath.logistic(-v0)
                out[1] = _MLMath.logistic(v0)
            } else {
                out[0] = -v0
                out[1] = v0
            }
        default:
            out[0] = v0
            out[1] = 0
        }
        return label
    }
}

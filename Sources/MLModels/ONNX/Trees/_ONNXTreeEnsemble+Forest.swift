/// An ONNX tree ensemble converted at load time to the flat tree engine of the native
/// XGBoost/LightGBM models (``_Forest``), so an export scores as fast as its source.
///
/// The engine sums leaf values per output group in float32, in tree order, from 0 — exactly
/// onnxruntime's accumulation — and returns the raw sums; base values, the binary case and
/// `post_transform` are then applied by the ensemble's own finalizers. The conversion is
/// used only when it is exact:
/// - float inputs; branch modes LEQ, LT, GTE, GT (one `x <= t` comparison after adjusting
///   the threshold and swapping children); SUM or AVERAGE;
/// - real trees (no shared subtrees), finite weights, depth within the engine's limit;
/// - at most one weight per class in a leaf, and every class either scored by every row
///   (some tree weights it on all leaves) or by none, so "has a score" is known statically;
/// - the node copies (a tree once per class it weights) within the cost contract's
///   ``_LoadCost/nodeLimit(listedEntries:)``.
final class _ONNXEnsembleForest: Sendable {
    let forest: _Forest
    let featureCount: Int
    /// Engine output groups: one per class that has weights (one group scores fastest).
    let groups: Int
    /// The class of each engine group.
    let groupClass: [Int]
    /// Per class: whether every row gets a score for it.
    let alwaysScored: [Bool]

    private init(forest: _Forest, featureCount: Int, groupClass: [Int], alwaysScored: [Bool]) {
        self.forest = forest
        self.featureCount = featureCount
        self.groups = groupClass.count
        self.groupClass = groupClass
        self.alwaysScored = alwaysScored
    }

    /// The engine form of `e` for inputs with `featureCount` columns, or `nil` when the
    /// conversion would not be exact (the generic evaluator is used then).
    static func make(_ e: _ONNXTreeEnsemble, featureCount: Int) -> _ONNXEnsembleForest? {
        guard featureCount > e.maxFeature, featureCount <= _Node.maximumFeatureCount else { return nil }
        guard e.aggregate == .sum || e.aggregate == .average else { return nil }
        let n = e.nodeCount
        var parents = [Int](repeating: 0, count: n)
        for i in 0..<n {
            switch e.mode[i] {
            case .leaf: continue
            case .leq, .lt, .gte, .gt: break
            case .eq, .neq: return nil
            }
            parents[Int(e.trueNext[i])] += 1
            parents[Int(e.falseNext[i])] += 1
        }
        if parents.contains(where: { $0 > 1 }) { return nil }
        let groups = e.targetCount
        // Leaves of each tree, the classes it weights, and static "has a score" per class.
        // One pass over the weights with per-class stamps (never an array per leaf), and the
        // node copies the conversion would make (one per class a tree weights) are counted
        // before any is built: past the cost contract's limit the generic evaluator scores.
        let nodeLimit = _LoadCost.nodeLimit(listedEntries: n + e.weightTarget.count)
        var alwaysScored = [Bool](repeating: groups == 1, count: groups)
        var everScored = [Bool](repeating: groups == 1, count: groups)
        var lastLeaf = [Int](repeating: -1, count: groups)
        var leavesWeighting = [Int](repeating: 0, count: groups)
        var treeNodes: [[Int]] = []
        var treeClasses: [[Int]] = []
        treeNodes.reserveCapacity(e.treeCount)
        var expanded = 0
        for r in e.roots {
            var order: [Int] = [Int(r)]
            var head = 0
            while head < order.count {
                let i = order[head]
                head += 1
                if e.mode[i] != .leaf {
                    order.append(Int(e.trueNext[i]))
                    order.append(Int(e.falseNext[i]))
                }
            }
            var classes: [Int] = [0]
            if groups > 1 {
                classes = []
                var leaves = 0
                for i in order where e.mode[i] == .leaf {
                    leaves += 1
                    let s = Int(e.weightStart[i])
                    for k in s..<(s + Int(e.weightCount[i])) {
                        let j = Int(e.weightTarget[k])
                        if lastLeaf[j] == i { return nil }
                        lastLeaf[j] = i
                        everScored[j] = true
                        if leavesWeighting[j] == 0 { classes.append(j) }
                        leavesWeighting[j] += 1
                    }
                }
                for j in classes {
                    if leavesWeighting[j] == leaves { alwaysScored[j] = true }
                    leavesWeighting[j] = 0
                }
                classes.sort()
            }
            let (copies, overflow) = order.count.multipliedReportingOverflow(by: classes.count)
            expanded += copies
            guard !overflow, expanded <= nodeLimit else { return nil }
            treeNodes.append(order)
            treeClasses.append(classes)
        }
        for j in 0..<groups where everScored[j] != alwaysScored[j] { return nil }
        let groupClass = (0..<groups).filter { everScored[$0] }
        guard !groupClass.isEmpty else { return nil }
        var groupOf = [Int](repeating: -1, count: groups)
        for (g, c) in groupClass.enumerated() { groupOf[c] = g }

        do {
            var builder = try _ForestBuilder(featureCount: featureCount)
            var engineTrees = 0
            var slot = [Int](repeating: -1, count: groups)
            for (t, order) in treeNodes.enumerated() {
                var local = [Int: Int]()
                for (p, i) in order.enumerated() { local[i] = p }
                let classes = treeClasses[t]
                for (c, g) in classes.enumerated() { slot[g] = c }
                // Leaf values of every class copy, scattered once from the leaves' weights
                // (4 bytes per leaf and class); the copies are then built one at a time.
                var table: [Float] = []
                table.reserveCapacity(order.count * classes.count / 2 + classes.count)
                for i in order where e.mode[i] == .leaf { appendLeafValues(e, i, slot: slot, classes: classes.count, to: &table) }
                for (c, g) in classes.enumerated() {
                    var nodes: [_RawTree.Node] = []
                    nodes.reserveCapacity(order.count)
                    var leaf = 0
                    for i in order {
                        let mode = e.mode[i]
                        if mode == .leaf {
                            let value = table[leaf * classes.count + c]
                            leaf += 1
                            nodes.append(.leaf(value: Double(value), id: Int32(truncatingIfNeeded: i), linear: nil))
                            continue
                        }
                        guard let yes = local[Int(e.trueNext[i])], let no = local[Int(e.falseNext[i])] else { return nil }
                        let t = e.thresholdF[i]
                        let f = Int(e.feature[i])
                        let tracks = e.missingTrue[i]
                        switch mode {
                        case .leq:
                            nodes.append(.numeric(feature: f, threshold: t, nanLeft: tracks, left: yes, right: no))
                        case .lt:
                            nodes.append(.numeric(feature: f, threshold: below(t), nanLeft: tracks, left: yes, right: no))
                        case .gte:
                            let thr: Float = t.isNaN ? .infinity : below(t)
                            nodes.append(.numeric(feature: f, threshold: thr, nanLeft: !tracks, left: no, right: yes))
                        case .gt:
                            let thr: Float = t.isNaN ? .infinity : t
                            nodes.append(.numeric(feature: f, threshold: thr, nanLeft: !tracks, left: no, right: yes))
                        default:
                            return nil
                        }
                    }
                    try builder.append(_RawTree(nodes: nodes, group: groupOf[g]), index: t)
                    engineTrees += 1
                }
            }
            let forest = _Forest(
                built: builder.finish(), accumulation: .float32, groupCount: groupClass.count, featureCount: featureCount,
                baseMargin: [Double](repeating: 0, count: groupClass.count), iterationStarts: [0, engineTrees],
                averageOutput: false, link: .identity)
            return _ONNXEnsembleForest(
                forest: forest, featureCount: featureCount, groupClass: groupClass, alwaysScored: alwaysScored)
        } catch {
            return nil
        }
    }

    /// `x < t` as `x <= below(t)` for float `x`: the next float down, or NaN ("never") for
    /// t = −∞ or NaN.
    private static func below(_ t: Float) -> Float {
        if t.isNaN || t == -.infinity { return .nan }
        return t.nextDown
    }

    /// Appends what leaf `i` adds to each of the tree's `classes` copies (`slot` maps a class
    /// to its copy): one target → its first weight, or its node value when it has none
    /// (onnxruntime); several → its weight for the class, or 0 (each class is weighted at
    /// most once per leaf here).
    private static func appendLeafValues(_ e: _ONNXTreeEnsemble, _ i: Int, slot: [Int], classes: Int, to table: inout [Float]) {
        let s = Int(e.weightStart[i])
        let c = Int(e.weightCount[i])
        if e.targetCount == 1 {
            table.append(c > 0 ? e.weightF[s] : e.thresholdF[i])
            return
        }
        let first = table.count
        table.append(contentsOf: repeatElement(0, count: classes))
        for k in s..<(s + c) { table[first + slot[Int(e.weightTarget[k])]] = e.weightF[k] }
    }

    /// Raw float32 sums of `rows` rows (row-major, `featureCount` columns) into `sums`
    /// (`rows × groups`, group `g` holding class `groupClass[g]`), on up to `threads` threads.
    func sums(_ x: UnsafePointer<Float>, rows: Int, into sums: UnsafeMutablePointer<Double>, threads: Int) {
        if rows == 1 {
            forest.scoreOne(x, sums, trees: 0..<forest.trees.count, iterations: 1, output: .rawMargin)
        } else {
            forest.score(
                x, rowCount: rows, into: sums, width: groups, trees: 0..<forest.trees.count, iterations: 1,
                output: .rawMargin, threads: threads)
        }
    }
}

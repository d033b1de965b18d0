/// Validates raw trees and flattens them into one node array (breadth-first per tree).
///
/// Checks, naming tree and node on failure: child indices in range; every node reached at
/// most once from the root (so no cycles and no shared subtrees); depth ≤ ``maximumDepth``;
/// feature indices < the feature count; finite leaf values, linear coefficients and
/// non-NaN thresholds; the total size fits `Int32` indices.
struct _ForestBuilder {
    static let maximumDepth = 256

    struct Built: Sendable {
        var nodes: [_Node] = []
        var values: [Double] = []
        var leafIDs: [Int32] = []
        var complexNodes: [_ComplexNode] = []
        var categories: [Int32] = []
        var bitsetWords: [UInt32] = []
        var linear = _LinearLeaves()
        var trees: [_TreeInfo] = []
        var leafCount = 0
    }

    let featureCount: Int
    private(set) var built = Built()
    private var hasLinear = false

    init(featureCount: Int) throws {
        guard featureCount >= 0, featureCount <= _Node.maximumFeatureCount else {
            throw ModelLoadingError(.limitExceeded, "feature count \(featureCount) is out of range 0...\(_Node.maximumFeatureCount)")
        }
        self.featureCount = featureCount
    }

    /// Validates `tree` (the `index`-th tree of the file) and appends it.
    mutating func append(_ tree: _RawTree, index: Int) throws {
        let raw = tree.nodes
        let n = raw.count
        func name(_ k: Int) -> String {
            if let first = tree.firstLeafNode, k >= first { return "leaf \(k - first)" }
            return "node \(k)"
        }
        func fail(_ code: ModelLoadingError.Code, _ k: Int, _ message: String) -> ModelLoadingError {
            ModelLoadingError(code, "\(name(k)): " + message, tree: index, node: k)
        }
        guard n > 0 else { throw ModelLoadingError(.inconsistent, "tree has no nodes", tree: index) }
        let base = built.nodes.count
        // The tree's bitset storage is copied once; its nodes refer to ranges of it.
        let wordBase = built.bitsetWords.count
        guard tree.bitsetWords.count < Int(Int32.max) - wordBase else {
            throw ModelLoadingError(.limitExceeded, "too many bitset words", tree: index)
        }
        guard base + n < Int(Int32.max) else {
            throw ModelLoadingError(.limitExceeded, "the model has more than 2^31 nodes", tree: index)
        }
        // Breadth-first order and depths, detecting out-of-range children and re-visits.
        var order: [Int] = [0]
        order.reserveCapacity(n)
        var newIndex = [Int32](repeating: -1, count: n)
        var depth = [Int32](repeating: 0, count: n)
        newIndex[0] = Int32(base)
        var head = 0
        var treeDepth: Int32 = 0
        var isSimple = true
        var hasLinearLeaves = false
        while head < order.count {
            let k = order[head]
            head += 1
            let node = raw[k]
            if let f = node.feature {
                guard f >= 0, f < featureCount else {
                    throw fail(.inconsistent, k, "feature index \(f) is out of range 0..<\(featureCount)")
                }
            }
            switch node {
            case .leaf(let value, _, let linear):
                guard value.isFinite else { throw fail(.invalidValue, k, "leaf value \(value) is not finite") }
                if let linear {
                    hasLinearLeaves = true
                    guard linear.constant.isFinite, linear.coefficients.allSatisfy(\.isFinite) else {
                        throw fail(.invalidValue, k, "linear leaf has a non-finite coefficient")
                    }
                    guard linear.features.count == linear.coefficients.count else {
                        throw fail(.inconsistent, k, "linear leaf has \(linear.features.count) features but \(linear.coefficients.count) coefficients")
                    }
                    for f in linear.features where f < 0 || Int(f) >= featureCount {
                        throw fail(.inconsistent, k, "linear leaf feature \(f) is out of range 0..<\(featureCount)")
                    }
                }
                continue
            case .numeric:
                // A NaN threshold is the internal encoding of "never left" (XGBoost cond = -inf).
                break
            case .zeroIsMissing(_, let t, _, _, _):
                guard !t.isNaN else { throw fail(.invalidValue, k, "threshold is NaN") }
                isSimple = false
            case .listedCategoriesGoRight:
                isSimple = false
            case .bitsetGoesLeft(_, let words, _, _):
                guard words.lowerBound >= 0, words.upperBound <= tree.bitsetWords.count else {
                    throw fail(.inconsistent, k, "bitset words \(words) are outside the tree's \(tree.bitsetWords.count) words")
                }
                isSimple = false
            }
            guard let (l, r) = node.children else { continue }
            for child in [l, r] {
                guard child >= 0, child < n else {
                    throw fail(.inconsistent, k, "child index \(child) is out of range 0..<\(n)")
                }
                guard newIndex[child] == -1, child != 0 else {
                    throw fail(.inconsistent, k, "child \(name(child)) is reached twice (cycle or shared subtree)")
                }
                let d = depth[k] + 1
                guard d <= Int32(Self.maximumDepth) else {
                    throw fail(.limitExceeded, k, "tree is deeper than \(Self.maximumDepth)")
                }
                depth[child] = d
                treeDepth = max(treeDepth, d)
                newIndex[child] = Int32(base + order.count)
                order.append(child)
            }
        }
        built.bitsetWords.append(contentsOf: tree.bitsetWords)
        // Emit in breadth-first order (no exact reserveCapacity here: it would defeat the
        // arrays' geometric growth and copy the whole forest once per tree).
        for k in order {
            let me = newIndex[k]
            switch raw[k] {
            case .leaf(let value, let id, let linear):
                built.nodes.append(_Node(left: me, right: me, featureAndFlags: 0, bound: 0))
                built.values.append(value)
                built.leafIDs.append(id)
                built.leafCount += 1
                appendLinear(linear)
            case .numeric(let f, let t, let nanLeft, let l, let r):
                let flags: UInt32 = nanLeft ? _Node.nanLeftBit : 0
                built.nodes.append(
                    _Node(
                        left: newIndex[l], right: newIndex[r], featureAndFlags: UInt32(f) | flags,
                        bound: _Keys.bound(threshold: t, nanLeft: nanLeft)))
                appendInternal()
            case .zeroIsMissing(let f, let t, let dl, let l, let r):
                let c = _ComplexNode(kind: .zeroIsMissing, defaultLeft: dl, threshold: t, start: 0, count: 0)
                try appendComplex(c, feature: f, nanLeft: dl, left: newIndex[l], right: newIndex[r], tree: index, node: k)
            case .listedCategoriesGoRight(let f, let cats, let dl, let l, let r):
                let start = built.categories.count
                built.categories.append(contentsOf: cats)
                let c = _ComplexNode(
                    kind: .listedCategoriesGoRight, defaultLeft: dl, threshold: 0,
                    start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: cats.count))
                guard built.categories.count < Int(Int32.max) else {
                    throw ModelLoadingError(.limitExceeded, "too many categories", tree: index, node: k)
                }
                try appendComplex(c, feature: f, nanLeft: dl, left: newIndex[l], right: newIndex[r], tree: index, node: k)
            case .bitsetGoesLeft(let f, let words, let l, let r):
                let c = _ComplexNode(
                    kind: .bitsetGoesLeft, defaultLeft: false, threshold: 0,
                    start: Int32(truncatingIfNeeded: wordBase + words.lowerBound),
                    count: Int32(truncatingIfNeeded: words.count))
                try appendComplex(c, feature: f, nanLeft: false, left: newIndex[l], right: newIndex[r], tree: index, node: k)
            }
        }
        built.trees.append(
            _TreeInfo(
                root: Int32(base), depth: treeDepth, group: Int32(truncatingIfNeeded: tree.group),
                isSimple: isSimple && !hasLinearLeaves, hasLinearLeaves: hasLinearLeaves))
        if hasLinearLeaves { hasLinear = true }
    }

    private mutating func appendInternal() {
        built.values.append(0)
        built.leafIDs.append(-1)
        appendLinear(nil)
    }

    private mutating func appendComplex(
        _ c: _ComplexNode, feature: Int, nanLeft: Bool, left: Int32, right: Int32, tree: Int, node: Int
    ) throws {
        guard built.complexNodes.count < Int(Int32.max) else {
            throw ModelLoadingError(.limitExceeded, "too many categorical nodes", tree: tree, node: node)
        }
        let slot = UInt32(built.complexNodes.count)
        built.complexNodes.append(c)
        var flags = _Node.complexBit
        if nanLeft { flags |= _Node.nanLeftBit }
        built.nodes.append(
            _Node(left: left, right: right, featureAndFlags: UInt32(feature) | flags, bound: slot))
        appendInternal()
    }

    /// Keeps `linear.nodeModel` parallel to `nodes` once any linear leaf exists.
    private mutating func appendLinear(_ leaf: _RawLinearLeaf?) {
        if leaf == nil && built.linear.nodeModel.isEmpty { return }
        if built.linear.nodeModel.count < built.nodes.count - 1 {
            built.linear.nodeModel.append(
                contentsOf: repeatElement(-1, count: built.nodes.count - 1 - built.linear.nodeModel.count))
        }
        guard let leaf else {
            built.linear.nodeModel.append(-1)
            return
        }
        built.linear.nodeModel.append(Int32(truncatingIfNeeded: built.linear.constants.count))
        built.linear.constants.append(leaf.constant)
        built.linear.starts.append(Int32(truncatingIfNeeded: built.linear.features.count))
        built.linear.features.append(contentsOf: leaf.features)
        built.linear.coefficients.append(contentsOf: leaf.coefficients)
        built.linear.ends.append(Int32(truncatingIfNeeded: built.linear.features.count))
    }

    /// The flattened forest data; pads the linear index to the node count.
    func finish() -> Built {
        var result = built
        if !result.linear.nodeModel.isEmpty && result.linear.nodeModel.count < result.nodes.count {
            result.linear.nodeModel.append(
                contentsOf: repeatElement(-1, count: result.nodes.count - result.linear.nodeModel.count))
        }
        return result
    }
}

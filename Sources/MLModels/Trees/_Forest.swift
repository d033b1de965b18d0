/// A validated, flattened tree ensemble: the immutable state every tree scorer reads.
///
/// All trees live in one contiguous node array (breadth-first inside each tree); leaf
/// values, leaf ids and linear-leaf indices are indexed by node. Immutable after
/// construction, hence `Sendable` and safe to share across threads.
final class _Forest: Sendable {
    /// How leaf values are summed: XGBoost in `Float` (bit-exact with XGBoost), LightGBM in `Double`.
    enum Accumulation: Sendable { case float32, float64 }

    let nodes: _UnsafeBuffer<_Node>
    /// Leaf value per node (0 for internal nodes), `Float` forests.
    let valuesF: _UnsafeBuffer<Float>
    /// Leaf value per node (0 for internal nodes), `Double` forests.
    let valuesD: _UnsafeBuffer<Double>
    /// Leaf id per node for leaf-index output (-1 for internal nodes).
    let leafIDs: _UnsafeBuffer<Int32>
    let complexNodes: _UnsafeBuffer<_ComplexNode>
    /// Sorted XGBoost category lists, ranges given by `_ComplexNode.start/count`.
    let categories: _UnsafeBuffer<Int32>
    /// LightGBM categorical bitset words, ranges given by `_ComplexNode.start/count`.
    let bitsetWords: _UnsafeBuffer<UInt32>
    let linearNodeModel: _UnsafeBuffer<Int32>
    let linearConstants: _UnsafeBuffer<Double>
    let linearStarts: _UnsafeBuffer<Int32>
    let linearEnds: _UnsafeBuffer<Int32>
    let linearFeatures: _UnsafeBuffer<Int32>
    let linearCoefficients: _UnsafeBuffer<Double>
    let trees: [_TreeInfo]
    /// The same tree facts behind a stable pointer, for the scoring loops.
    let treeInfos: _UnsafeBuffer<_TreeInfo>
    /// Per tree: how many consecutive all-numeric trees with depth ≥ 1 start there (0 if
    /// this one is not), so single-row scoring can descend runs of eight together.
    let simpleRunLength: _UnsafeBuffer<Int32>
    /// Runs of eight all-numeric trees in the padded complete-tree layout, for single-row
    /// scoring (see ``_HeapGroups``).
    let heapGroups: _HeapGroups
    let accumulation: Accumulation
    /// Margins per row.
    let groupCount: Int
    let featureCount: Int
    /// Starting margin per group (XGBoost's base score in margin space; 0 for LightGBM).
    let baseMargin: [Double]
    /// `iterationStarts[k]` is the first tree of iteration `k`; the last entry is `trees.count`.
    let iterationStarts: [Int]
    /// LightGBM `average_output`: divide the sum by the number of iterations used.
    let averageOutput: Bool
    let link: _Link
    let maxDepth: Int
    let leafCount: Int
    /// Set for threshold-quantized forests: features are encoded as bin codes instead of float
    /// keys, and numeric nodes' `bound`s are bin bounds (see ``_BinnedForest``).
    let binEdges: _BinEdges?

    init(
        built: _ForestBuilder.Built, accumulation: Accumulation, groupCount: Int, featureCount: Int,
        baseMargin: [Double], iterationStarts: [Int], averageOutput: Bool, link: _Link
    ) {
        nodes = _UnsafeBuffer(built.nodes)
        switch accumulation {
        case .float32:
            valuesF = _UnsafeBuffer(built.values.map { Float($0) })
            valuesD = _UnsafeBuffer(built.values)
        case .float64:
            valuesF = _UnsafeBuffer([])
            valuesD = _UnsafeBuffer(built.values)
        }
        leafIDs = _UnsafeBuffer(built.leafIDs)
        complexNodes = _UnsafeBuffer(built.complexNodes)
        categories = _UnsafeBuffer(built.categories)
        bitsetWords = _UnsafeBuffer(built.bitsetWords)
        linearNodeModel = _UnsafeBuffer(built.linear.nodeModel)
        linearConstants = _UnsafeBuffer(built.linear.constants)
        linearStarts = _UnsafeBuffer(built.linear.starts)
        linearEnds = _UnsafeBuffer(built.linear.ends)
        linearFeatures = _UnsafeBuffer(built.linear.features)
        linearCoefficients = _UnsafeBuffer(built.linear.coefficients)
        trees = built.trees
        treeInfos = _UnsafeBuffer(built.trees)
        var runs = [Int32](repeating: 0, count: built.trees.count)
        var run: Int32 = 0
        for t in stride(from: built.trees.count - 1, through: 0, by: -1) {
            let tree = built.trees[t]
            run = tree.isSimple && tree.depth > 0 ? run + 1 : 0
            runs[t] = run
        }
        simpleRunLength = _UnsafeBuffer(runs)
        heapGroups = _HeapGroups(nodes: built.nodes, trees: built.trees, featureCount: featureCount)
        self.accumulation = accumulation
        self.groupCount = groupCount
        self.featureCount = featureCount
        self.baseMargin = baseMargin
        self.iterationStarts = iterationStarts
        self.averageOutput = averageOutput
        self.link = link
        maxDepth = built.trees.reduce(0) { max($0, Int($1.depth)) }
        leafCount = built.leafCount
        binEdges = nil
    }

    /// A copy of `forest` whose numeric nodes compare bin codes: `nodes` (same shape, bin
    /// bounds) and the edges that encode features.
    init(quantizing forest: _Forest, nodes: [_Node], binEdges: _BinEdges) {
        self.nodes = _UnsafeBuffer(nodes)
        valuesF = forest.valuesF
        valuesD = forest.valuesD
        leafIDs = forest.leafIDs
        complexNodes = forest.complexNodes
        categories = forest.categories
        bitsetWords = forest.bitsetWords
        linearNodeModel = forest.linearNodeModel
        linearConstants = forest.linearConstants
        linearStarts = forest.linearStarts
        linearEnds = forest.linearEnds
        linearFeatures = forest.linearFeatures
        linearCoefficients = forest.linearCoefficients
        trees = forest.trees
        treeInfos = forest.treeInfos
        simpleRunLength = forest.simpleRunLength
        // Same shapes, bin bounds: the groups are laid out again from the quantized nodes.
        heapGroups = _HeapGroups(nodes: nodes, trees: forest.trees, featureCount: forest.featureCount)
        accumulation = forest.accumulation
        groupCount = forest.groupCount
        featureCount = forest.featureCount
        baseMargin = forest.baseMargin
        iterationStarts = forest.iterationStarts
        averageOutput = forest.averageOutput
        link = forest.link
        maxDepth = forest.maxDepth
        leafCount = forest.leafCount
        self.binEdges = binEdges
    }

    /// Encodes `rows` rows of `x` into the comparison keys of this forest's nodes: float keys
    /// (``_Keys``), or bin codes for a quantized forest.
    @inline(__always)
    func encodeKeys(_ x: UnsafePointer<Float>, rows: Int, into keys: UnsafeMutablePointer<UInt32>) {
        if let binEdges {
            binEdges.encode(x, rows: rows, featureCount: featureCount, into: keys)
        } else {
            Self.encode(x, count: rows * featureCount, into: keys)
        }
    }

    var iterationCount: Int { iterationStarts.count - 1 }
}

/// Linear models of LightGBM linear-tree leaves, indexed by node.
struct _LinearLeaves: Sendable {
    /// Per node: index into `constants`/`ranges`, or -1 when the leaf is constant.
    var nodeModel: [Int32] = []
    var constants: [Double] = []
    /// Per model: `features[start ..< end]`, `coefficients[start ..< end]`.
    var starts: [Int32] = []
    var ends: [Int32] = []
    var features: [Int32] = []
    var coefficients: [Double] = []

    var isEmpty: Bool { constants.isEmpty }
}

/// The size of a tree-ensemble op, for the model description.
struct _ONNXTreeStatistics: Sendable {
    var treeCount = 0
    var nodeCount = 0
    var leafCount = 0
    var maxDepth = 0
    /// Ensembles that run on the flat engine.
    var flatEnsembles = 0

    /// Adds another ensemble's counts.
    mutating func add(_ other: _ONNXTreeStatistics) {
        treeCount += other.treeCount
        nodeCount += other.nodeCount
        leafCount += other.leafCount
        maxDepth = Swift.max(maxDepth, other.maxDepth)
        flatEnsembles += other.flatEnsembles
    }
}

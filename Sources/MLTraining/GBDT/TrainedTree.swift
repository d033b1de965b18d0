/// One regression tree of a trained ensemble, in node order (node 0 is the root; children come
/// after their parent, breadth first).
///
/// A split node sends a row left when `x[feature] < threshold` (float32, XGBoost's test) and a
/// missing value (NaN) to the `defaultLeft` side; a leaf adds `value` to its output group's
/// margin.
public struct TrainedTree: Sendable, Equatable, Codable {
    /// One node.
    public struct Node: Sendable, Equatable, Codable {
        /// The split feature, or -1 for a leaf.
        public var feature: Int
        /// `x < threshold` goes left.
        public var threshold: Float
        /// Where a missing value goes.
        public var defaultLeft: Bool
        /// Children (node indices), -1 for a leaf.
        public var left: Int
        /// Right child.
        public var right: Int
        /// The leaf value (already multiplied by the learning rate); for a split, the value the
        /// node would have had as a leaf.
        public var value: Float
        /// The split's gain (0 for a leaf).
        public var gain: Double
        /// The hessian sum of the training rows that reached the node.
        public var hessian: Double

        /// Whether the node is a leaf.
        public var isLeaf: Bool { left < 0 }
    }

    /// The nodes.
    public var nodes: [Node]
    /// The output group (class) the tree adds to.
    public var group: Int

    /// The leaf value for one row of features (`x[feature]` read through `value(feature)`).
    @inline(__always)
    func leafValue(_ value: (Int) -> Float) -> Float {
        var i = 0
        while true {
            let n = nodes[i]
            if n.left < 0 { return n.value }
            let v = value(n.feature)
            i = v.isNaN ? (n.defaultLeft ? n.left : n.right) : (v < n.threshold ? n.left : n.right)
        }
    }
}

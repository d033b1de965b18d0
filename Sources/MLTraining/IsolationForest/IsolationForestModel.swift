import MLCore
import MLModels

/// An isolation forest (Liu, Ting & Zhou 2008) with scikit-learn's scoring:
/// `score_samples(x) = −2^(−E[h(x)] / c(ψ))`, where `h(x)` is the depth of the leaf `x` reaches
/// plus `c(n_leaf)`, averaged over the trees, and `c(n) = 2·(ln(n − 1) + γ) − 2·(n − 1)/n`
/// (`c(2) = 1`, `c(n ≤ 1) = 0`) is the average path length of an unsuccessful search in a
/// binary search tree of `n` points.
///
/// ``predict(_:)`` gives the anomaly score `2^(−E[h]/c(ψ))` in (0, 1] (larger is more
/// anomalous; `−score_samples`), which is also what the exported model file outputs.
public struct IsolationForestModel: Sendable, Equatable, Codable {
    /// One node: a split (`feature ≥ 0`; `x[feature] <= threshold` goes left, NaN goes right)
    /// or a leaf (`feature == -1`).
    public struct Node: Sendable, Equatable, Codable {
        /// The split feature, -1 for a leaf.
        public var feature: Int32
        /// The split value (float32; the row goes left when `x <= threshold`).
        public var threshold: Float
        /// Left child (node index), -1 for a leaf.
        public var left: Int32
        /// Right child, -1 for a leaf.
        public var right: Int32
        /// Training rows that reached the node (of the tree's subsample).
        public var samples: Int32

        /// A node.
        public init(feature: Int32, threshold: Float, left: Int32, right: Int32, samples: Int32) {
            self.feature = feature
            self.threshold = threshold
            self.left = left
            self.right = right
            self.samples = samples
        }
    }

    /// The trees (node 0 is each tree's root).
    public let trees: [[Node]]
    /// ψ: rows each tree was grown on.
    public let maxSamples: Int
    /// Feature names, in column order.
    public let featureNames: [String]

    /// A forest from its trees, e.g. one grown by scikit-learn.
    /// - Throws: ``TrainingError`` `.invalidData` when a child index is out of range or
    ///   revisited, a feature is out of range, or a tree is deeper than 64 levels.
    public init(trees: [[Node]], maxSamples: Int, featureNames: [String]) throws {
        guard maxSamples >= 1 else { throw TrainingError(.invalidData, "max_samples must be ≥ 1") }
        for (t, nodes) in trees.enumerated() {
            guard !nodes.isEmpty else { throw TrainingError(.invalidData, "tree \(t) has no nodes", index: t) }
            var seen = [Bool](repeating: false, count: nodes.count)
            var stack: [(Int, Int)] = [(0, 0)]
            while let (i, depth) = stack.popLast() {
                guard !seen[i], depth <= 64 else {
                    throw TrainingError(.invalidData, "tree \(t): node \(i) is reached twice or too deep", index: t)
                }
                seen[i] = true
                let n = nodes[i]
                if n.feature < 0 { continue }
                guard Int(n.feature) < featureNames.count, n.left > 0, Int(n.left) < nodes.count, n.right > 0, Int(n.right) < nodes.count,
                    !n.threshold.isNaN
                else {
                    throw TrainingError(.invalidData, "tree \(t): node \(i) has a bad feature, threshold or child", index: t)
                }
                stack.append((Int(n.right), depth + 1))
                stack.append((Int(n.left), depth + 1))
            }
        }
        self.trees = trees
        self.maxSamples = maxSamples
        self.featureNames = featureNames
    }

    enum CodingKeys: String, CodingKey { case trees, maxSamples, featureNames }

    /// Decodes and validates like ``init(trees:maxSamples:featureNames:)``: a decoded file
    /// cannot hand `predict` a child index out of range.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            trees: try c.decode([[Node]].self, forKey: .trees), maxSamples: try c.decode(Int.self, forKey: .maxSamples),
            featureNames: try c.decode([String].self, forKey: .featureNames))
    }

    /// `c(n)`: the average path length of an unsuccessful binary-search-tree search among `n`
    /// points (scikit-learn's `_average_path_length`).
    public static func averagePathLength(_ n: Int) -> Double {
        if n <= 1 { return 0 }
        if n == 2 { return 1 }
        let m = Double(n)
        return 2.0 * (_Math.log(m - 1.0) + 0.5772156649015329) - 2.0 * (m - 1.0) / m
    }

    /// Per tree and node: the path length a row ending in that leaf gets,
    /// `(depth + 1 + c(samples)) − 1` in scikit-learn's order of operations (0 for splits).
    var leafPathLengths: [[Double]] {
        trees.map { nodes in
            var out = [Double](repeating: 0, count: nodes.count)
            var stack: [(Int, Int)] = [(0, 0)]
            while let (i, depth) = stack.popLast() {
                let n = nodes[i]
                if n.feature < 0 {
                    out[i] = (Double(depth + 1) + Self.averagePathLength(Int(n.samples))) - 1.0
                } else {
                    stack.append((Int(n.left), depth + 1))
                    stack.append((Int(n.right), depth + 1))
                }
            }
            return out
        }
    }

    /// `trees · c(ψ)`, the divisor of the summed path lengths.
    public var normalizer: Double { Double(trees.count) * Self.averagePathLength(maxSamples) }

    /// scikit-learn's `score_samples` of `x` (`rows × features`): negative, lower is more
    /// anomalous. A NaN feature value goes right at every split.
    public func scoreSamples(_ x: Matrix<Float>) -> [Double] {
        predict(x).map { -$0 }
    }

    /// The anomaly score `2^(−Σh / (trees · c(ψ)))` of each row of `x`, in (0, 1]; larger is
    /// more anomalous (`−score_samples`).
    public func predict(_ x: Matrix<Float>) -> [Double] {
        let lengths = leafPathLengths
        let c = normalizer
        var out = [Double](repeating: 0, count: x.rows)
        x.withUnsafeBufferPointer { xs in
            guard let xb = xs.baseAddress, x.columns == featureNames.count else { return }
            for r in 0..<x.rows {
                let row = xb + r * x.columns
                var depth = 0.0
                for (t, nodes) in trees.enumerated() {
                    var i = 0
                    while nodes[i].feature >= 0 {
                        let n = nodes[i]
                        i = Int(row[Int(n.feature)] <= n.threshold ? n.left : n.right)
                    }
                    depth += lengths[t][i]
                }
                out[r] = _Math.pow(2, -(c != 0 ? depth / c : 1))
            }
        }
        return out
    }

    /// The model in our format: a tree ensemble whose leaves hold path lengths and whose link
    /// is `isolation_forest_score`; it loads with `ModelLoader` and scores like ``predict(_:)``.
    /// - Throws: ``TrainingError`` `.modelExport` when the document does not load back.
    public func nativeJSON() throws -> [UInt8] {
        let lengths = leafPathLengths
        let trees = zip(self.trees, lengths).map { nodes, length in
            nodes.enumerated().map { i, n in
                n.feature < 0
                    ? IsolationForestDocument.Node.leaf(length[i])
                    : .split(feature: Int(n.feature), threshold: n.threshold, left: Int(n.left), right: Int(n.right))
            }
        }
        do {
            return try IsolationForestDocument.json(
                trees: trees, featureNames: featureNames, normalizer: normalizer,
                details: ["max_samples": String(maxSamples), "score": "2^(-mean path length / c(max_samples)) = -score_samples"])
        } catch {
            throw TrainingError(.modelExport, "the isolation forest does not export: \(error)")
        }
    }
}

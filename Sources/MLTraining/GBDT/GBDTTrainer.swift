import MLCore

/// Trains gradient-boosted trees on histograms (LightGBM's and XGBoost `hist`'s method).
///
/// Features are binned once (at most ``GBDTParameters/maxBins`` value bins per feature at
/// equal-count quantiles of up to 200,000 evenly strided rows, plus a bin for missing values);
/// each tree is grown from per-row gradients and hessians of the loss at the current margins,
/// its leaves set to `−G/(H + λ)·η`. Binary training starts from the log-odds of the positive
/// rate, regression from the mean, multiclass from the log of each class's share.
///
/// Same data, parameters and seed ⇒ the same model at any ``GBDTParameters/threads``.
public enum GBDTTrainer {
    /// One iteration's progress, for a progress bar.
    public struct Progress: Sendable {
        /// Iterations done.
        public let iteration: Int
        /// Of how many.
        public let total: Int
        /// The validation loss after it, when there is a validation set.
        public let validationLoss: Double?
    }

    /// Trains a model.
    /// - Parameters:
    ///   - x: training features, `rows × features`, NaN for missing.
    ///   - y: labels (binary 0/1; multiclass 0..<K; regression any finite value).
    ///   - featureNames: one per column (default `f0`, `f1`, …).
    ///   - validation: features and labels for the validation loss and early stopping.
    ///   - progress: called after every iteration.
    /// - Throws: ``TrainingError`` `.invalidConfiguration` for bad parameters, `.invalidData`
    ///   for shape mismatches, `.invalidLabels` for labels that cannot be trained on.
    public static func train(
        x: Matrix<Float>, y: [Double], parameters: GBDTParameters, featureNames: [String]? = nil,
        validation: (x: Matrix<Float>, y: [Double])? = nil, progress: ((Progress) -> Void)? = nil
    ) throws -> GBDTModel {
        try validate(parameters)
        guard x.rows == y.count, x.rows >= 2 else {
            throw TrainingError(.invalidData, "\(x.rows) feature rows for \(y.count) labels (at least 2 rows are needed)")
        }
        let names = featureNames ?? (0..<x.columns).map { "f\($0)" }
        guard names.count == x.columns else {
            throw TrainingError(.invalidData, "\(names.count) feature names for \(x.columns) columns")
        }
        if let validation, validation.x.columns != x.columns || validation.x.rows != validation.y.count {
            throw TrainingError(
                .invalidData,
                "validation set: \(validation.x.rows) × \(validation.x.columns) features for \(validation.y.count) labels; training has \(x.columns) columns")
        }
        let classCount = try checkLabels(y, parameters.objective, what: "training")
        if let validation { _ = try checkLabels(validation.y, parameters.objective, what: "validation", classCount: classCount) }
        let groups = parameters.objective == .multiclass ? classCount : 1
        let weights = try rowWeights(y, parameters)
        let baseScores = try Self.baseScores(y, weights: weights, parameters.objective, classCount: classCount)
        let rows = x.rows
        let bins = _FeatureBins(x, maxBins: parameters.maxBins)
        var grower = _TreeGrower(data: bins, parameters: parameters)
        let startMargins = parameters.objective == .binary ? baseScores.map { -_Math.log(1 / $0 - 1) } : baseScores
        var margins = [Double](repeating: 0, count: rows * groups)
        for r in 0..<rows { for g in 0..<groups { margins[r * groups + g] = Double(startMargins[g]) } }
        var validMargins = [Double](repeating: 0, count: (validation?.x.rows ?? 0) * groups)
        for r in 0..<(validation?.x.rows ?? 0) { for g in 0..<groups { validMargins[r * groups + g] = Double(startMargins[g]) } }

        var trees: [TrainedTree] = []
        var losses: [Double] = []
        var best: (iteration: Int, loss: Double)? = nil
        var gh = [[Float]](repeating: [Float](repeating: 0, count: 2 * rows), count: groups)
        let allRows = (0..<rows).map { Int32(truncatingIfNeeded: $0) }
        let allFeatures = Array(0..<x.columns)
        for iteration in 0..<parameters.numTrees {
            gradients(margins, y, weights, parameters.objective, groups: groups, into: &gh)
            var random = SplitMix64(seed: parameters.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(iteration + 1))
            let sampled = parameters.subsample < 1 ? sampleRows(rows, parameters.subsample, &random) : allRows
            for group in 0..<groups {
                let features = parameters.colsample < 1 ? sampleFeatures(x.columns, parameters.colsample, &random) : allFeatures
                let grown = grower.grow(rows: sampled, features: features, gh: gh[group])
                let tree = breadthFirst(TrainedTree(nodes: grown.nodes, group: group))
                if sampled.count == rows {
                    grower.indices.withUnsafeBufferPointer { idx in
                        for leaf in grown.leaves {
                            let v = Double(grown.nodes[leaf.node].value)
                            for i in leaf.rows { margins[Int(idx[i]) * groups + group] += v }
                        }
                    }
                } else {
                    add(tree, x, to: &margins, groups: groups)
                }
                if let validation { add(tree, validation.x, to: &validMargins, groups: groups) }
                trees.append(tree)
            }
            var loss: Double? = nil
            if let validation {
                let l = Self.loss(validMargins, validation.y, parameters.objective, groups: groups)
                losses.append(l)
                loss = l
                if best == nil || l < best!.loss { best = (iteration, l) }
            }
            progress?(Progress(iteration: iteration + 1, total: parameters.numTrees, validationLoss: loss))
            if parameters.earlyStoppingRounds > 0, let b = best, iteration - b.iteration >= parameters.earlyStoppingRounds { break }
        }
        var bestIteration: Int? = nil
        if parameters.earlyStoppingRounds > 0, let b = best {
            trees.removeSubrange(((b.iteration + 1) * groups)...)
            bestIteration = b.iteration
        }
        return GBDTModel(
            objective: parameters.objective, classCount: parameters.objective == .multiclass ? classCount : (parameters.objective == .binary ? 2 : 1),
            featureNames: names, baseScores: baseScores, trees: trees, bestIteration: bestIteration, validationLoss: losses)
    }

    /// The most classes a multiclass model may have: gradients take `classes × rows` pairs and
    /// every iteration grows one tree per class.
    public static let maxClasses = 1_000

    static func validate(_ p: GBDTParameters) throws {
        func bad(_ key: String, _ why: String) -> TrainingError { TrainingError(.invalidConfiguration, "\(key) \(why)", field: key) }
        guard p.numTrees >= 1 && p.numTrees <= 1_000_000 else { throw bad("num_trees", "must be between 1 and 1,000,000") }
        guard p.numLeaves >= 2 && p.numLeaves <= 131_072 else { throw bad("num_leaves", "must be between 2 and 131,072") }
        guard p.maxDepth == -1 || (p.maxDepth >= 1 && p.maxDepth <= 64) else { throw bad("max_depth", "must be -1 or between 1 and 64") }
        guard p.learningRate.isFinite && p.learningRate > 0 else { throw bad("learning_rate", "must be positive") }
        guard p.minChildSamples >= 1 else { throw bad("min_child_samples", "must be ≥ 1") }
        guard p.minChildWeight.isFinite && p.minChildWeight >= 0 else { throw bad("min_child_weight", "must be ≥ 0") }
        guard p.l2.isFinite && p.l2 >= 0 else { throw bad("l2", "must be ≥ 0") }
        guard p.minSplitGain.isFinite && p.minSplitGain >= 0 else { throw bad("min_split_gain", "must be ≥ 0") }
        guard p.subsample > 0 && p.subsample <= 1 else { throw bad("subsample", "must be in (0, 1]") }
        guard p.colsample > 0 && p.colsample <= 1 else { throw bad("colsample", "must be in (0, 1]") }
        guard p.maxBins >= 2 && p.maxBins <= 255 else { throw bad("max_bins", "must be between 2 and 255") }
        guard p.earlyStoppingRounds >= 0 else { throw bad("early_stopping_rounds", "must be ≥ 0") }
        guard p.threads >= 1 && p.threads <= 256 else { throw bad("threads", "must be between 1 and 256") }
        guard p.classWeights.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw bad("class_weight", "weights must be positive") }
    }

    /// Checks labels; returns the class count (binary 2, multiclass K, regression 1).
    static func checkLabels(_ y: [Double], _ objective: GBDTParameters.Objective, what: String, classCount: Int? = nil) throws -> Int {
        if let bad = y.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError(.invalidLabels, "\(what) label at row \(bad + 1) is missing or not finite", field: "label", index: bad)
        }
        switch objective {
        case .regression:
            if what == "training", let first = y.first, y.allSatisfy({ $0 == first }) {
                throw TrainingError(.invalidLabels, "the \(what) label is constant (\(first))", field: "label")
            }
            return 1
        case .binary:
            if let bad = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw TrainingError(.invalidLabels, "\(what) label at row \(bad + 1) is \(y[bad]); binary labels are 0 or 1", field: "label", index: bad)
            }
            if what == "training" && (!y.contains(0) || !y.contains(1)) {
                throw TrainingError(.invalidLabels, "the \(what) label is constant: every row is \(y.first ?? 0)", field: "label")
            }
            return 2
        case .multiclass:
            if let bad = y.firstIndex(where: { $0 < 0 || $0 != $0.rounded() || $0 >= Double(maxClasses) }) {
                throw TrainingError(
                    .invalidLabels,
                    "\(what) label at row \(bad + 1) is \(y[bad]); multiclass labels are 0, 1, …, K−1 with K ≤ \(maxClasses)",
                    field: "label", index: bad)
            }
            let k = Int(y.max() ?? 0) + 1
            if let classCount {
                guard k <= classCount else {
                    throw TrainingError(.invalidLabels, "\(what) has class \(k - 1), training has \(classCount) classes", field: "label")
                }
                return classCount
            }
            var seen = [Bool](repeating: false, count: k)
            for v in y { seen[Int(v)] = true }
            if let missing = seen.firstIndex(of: false) {
                throw TrainingError(.invalidLabels, "class \(missing) has no \(what) rows (labels are 0…\(k - 1))", field: "label")
            }
            guard k >= 2 else { throw TrainingError(.invalidLabels, "the \(what) label is constant", field: "label") }
            return k
        }
    }

    static func rowWeights(_ y: [Double], _ p: GBDTParameters) throws -> [Double]? {
        guard p.objective != .regression else { return nil }
        let k = p.objective == .binary ? 2 : Int(y.max() ?? 0) + 1
        if p.balancedClassWeights {
            var counts = [Double](repeating: 0, count: k)
            for v in y { counts[Int(v)] += 1 }
            return y.map { Double(y.count) / (Double(k) * counts[Int($0)]) }
        }
        guard !p.classWeights.isEmpty else { return nil }
        guard p.classWeights.count == k else {
            throw TrainingError(
                .invalidConfiguration, "class_weight has \(p.classWeights.count) weights for \(k) classes", field: "class_weight")
        }
        return y.map { p.classWeights[Int($0)] }
    }

    static func baseScores(_ y: [Double], weights: [Double]?, _ objective: GBDTParameters.Objective, classCount: Int) throws -> [Float] {
        let w = weights ?? [Double](repeating: 1, count: y.count)
        let total = w.reduce(0, +)
        switch objective {
        case .regression, .binary:
            // The (weighted) mean label: the starting value, or for binary the positive rate.
            return [Float(zip(y, w).reduce(0) { $0 + $1.0 * $1.1 } / total)]
        case .multiclass:
            var share = [Double](repeating: 0, count: classCount)
            for (v, wi) in zip(y, w) { share[Int(v)] += wi }
            return share.map { Float(_Math.log($0 / total)) }
        }
    }

    static func gradients(
        _ margins: [Double], _ y: [Double], _ weights: [Double]?, _ objective: GBDTParameters.Objective, groups: Int,
        into gh: inout [[Float]]
    ) {
        let rows = y.count
        switch objective {
        case .binary:
            gh[0].withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    let p = 1 / (1 + _Math.exp(-margins[r]))
                    let w = weights?[r] ?? 1
                    out[2 * r] = Float((p - y[r]) * w)
                    out[2 * r + 1] = Float(Swift.max(p * (1 - p), 1e-16) * w)
                }
            }
        case .regression:
            gh[0].withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    out[2 * r] = Float(margins[r] - y[r])
                    out[2 * r + 1] = 1
                }
            }
        case .multiclass:
            let factor = Double(groups) / Double(groups - 1)
            var p = [Double](repeating: 0, count: groups)
            for r in 0..<rows {
                var top = -Double.infinity
                for k in 0..<groups { top = Swift.max(top, margins[r * groups + k]) }
                var sum = 0.0
                for k in 0..<groups {
                    p[k] = _Math.exp(margins[r * groups + k] - top)
                    sum += p[k]
                }
                let w = weights?[r] ?? 1
                let label = Int(y[r])
                for k in 0..<groups {
                    let pk = p[k] / sum
                    gh[k][2 * r] = Float((pk - (k == label ? 1 : 0)) * w)
                    gh[k][2 * r + 1] = Float(Swift.max(factor * pk * (1 - pk), 1e-16) * w)
                }
            }
        }
    }

    /// The validation loss: binary log loss, multiclass log loss, regression RMSE.
    static func loss(_ margins: [Double], _ y: [Double], _ objective: GBDTParameters.Objective, groups: Int) -> Double {
        let n = Double(Swift.max(1, y.count))
        switch objective {
        case .regression:
            var s = 0.0
            for r in 0..<y.count { s += (margins[r] - y[r]) * (margins[r] - y[r]) }
            return (s / n).squareRoot()
        case .binary:
            var s = 0.0
            for r in 0..<y.count {
                let p = Swift.min(Swift.max(1 / (1 + _Math.exp(-margins[r])), 1e-15), 1 - 1e-15)
                s -= y[r] == 1 ? _Math.log(p) : _Math.log(1 - p)
            }
            return s / n
        case .multiclass:
            var s = 0.0
            for r in 0..<y.count {
                var top = -Double.infinity
                for k in 0..<groups { top = Swift.max(top, margins[r * groups + k]) }
                var sum = 0.0
                for k in 0..<groups { sum += _Math.exp(margins[r * groups + k] - top) }
                let p = _Math.exp(margins[r * groups + Int(y[r])] - top) / sum
                s -= _Math.log(Swift.max(p, 1e-15))
            }
            return s / n
        }
    }

    static func add(_ tree: TrainedTree, _ x: Matrix<Float>, to margins: inout [Double], groups: Int) {
        x.withUnsafeBufferPointer { data in
            for r in 0..<x.rows {
                let v = tree.leafValue { data[r * x.columns + $0] }
                margins[r * groups + tree.group] += Double(v)
            }
        }
    }

    static func sampleRows(_ rows: Int, _ fraction: Double, _ random: inout SplitMix64) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(Int(Double(rows) * fraction) + 16)
        let threshold = UInt64(fraction * 18_446_744_073_709_551_615.0)
        for r in 0..<rows where random.next() <= threshold { out.append(Int32(truncatingIfNeeded: r)) }
        if out.isEmpty { out.append(0) }
        return out
    }

    static func sampleFeatures(_ count: Int, _ fraction: Double, _ random: inout SplitMix64) -> [Int] {
        let k = Swift.max(1, Int((Double(count) * fraction).rounded(.up)))
        var all = Array(0..<count)
        for i in 0..<k {
            let j = i + Int(random.next() % UInt64(count - i))
            all.swapAt(i, j)
        }
        return all[0..<k].sorted()
    }

    /// The same tree with nodes renumbered breadth first (XGBoost's order).
    static func breadthFirst(_ tree: TrainedTree) -> TrainedTree {
        var order = [0]
        var head = 0
        while head < order.count {
            let n = tree.nodes[order[head]]
            head += 1
            if !n.isLeaf {
                order.append(n.left)
                order.append(n.right)
            }
        }
        var newIndex = [Int](repeating: -1, count: tree.nodes.count)
        for (i, old) in order.enumerated() { newIndex[old] = i }
        let nodes = order.map { old -> TrainedTree.Node in
            var n = tree.nodes[old]
            if !n.isLeaf {
                n.left = newIndex[n.left]
                n.right = newIndex[n.right]
            }
            return n
        }
        return TrainedTree(nodes: nodes, group: tree.group)
    }
}

import Dispatch
import MLCore

/// Grows ``IsolationForestModel``s as scikit-learn's `IsolationForest` does (extremely
/// randomized trees with one feature per split): each tree takes ψ = min(`maxSamples`, rows)
/// rows without replacement and grows to depth `⌈log₂ ψ⌉`; a node splits on a feature drawn
/// uniformly among those not constant in it, at a threshold drawn uniformly between the
/// feature's minimum and maximum there, and becomes a leaf when one row is left, every feature
/// is constant, or the depth is reached.
///
/// Each tree draws from its own generator seeded by (seed, tree index), so the forest is
/// identical at any thread count.
public enum IsolationForestTrainer {
    /// Grows a forest on `x` (`rows × features`, no missing value).
    /// - Throws: ``TrainingError`` `.invalidConfiguration` for bad parameters, `.invalidData`
    ///   for an empty matrix or a missing or infinite value (column and row named).
    public static func train(
        x: Matrix<Float>, parameters p: IsolationForestParameters, featureNames: [String]? = nil
    ) throws -> IsolationForestModel {
        guard (1...100_000).contains(p.numTrees) else {
            throw TrainingError(.invalidConfiguration, "num_trees must be in 1…100000", field: "num_trees")
        }
        guard p.maxSamples >= 1 else { throw TrainingError(.invalidConfiguration, "max_samples must be ≥ 1", field: "max_samples") }
        guard (1...256).contains(p.threads) else { throw TrainingError(.invalidConfiguration, "threads must be in 1…256", field: "threads") }
        let names = featureNames ?? (0..<x.columns).map { "f\($0)" }
        guard names.count == x.columns, x.columns > 0, x.rows > 0 else {
            throw TrainingError(.invalidData, "no data to grow trees on (\(x.rows) rows, \(x.columns) columns)")
        }
        let f = x.columns
        try x.withUnsafeBufferPointer { xs in
            if let bad = xs.firstIndex(where: { !$0.isFinite }) {
                throw TrainingError(
                    .invalidData, "feature '\(names[bad % f])' is missing or infinite at row \(bad / f + 1); the isolation forest needs complete rows (impute first)",
                    field: names[bad % f], index: bad / f)
            }
        }
        let psi = Swift.min(p.maxSamples, x.rows)
        var depthLimit = 0
        while (1 << depthLimit) < Swift.max(psi, 2) { depthLimit += 1 }
        let limit = depthLimit
        var trees = [[IsolationForestModel.Node]](repeating: [], count: p.numTrees)
        trees.withUnsafeMutableBufferPointer { out in
            let slots = _TreeSlots(base: out.baseAddress)
            let grow: @Sendable (Int) -> Void = { worker in
                var t = worker
                while t < p.numTrees {
                    slots.base?[t] = growTree(x, seed: p.seed, tree: t, psi: psi, depthLimit: limit)
                    t += p.threads
                }
            }
            if p.threads == 1 { grow(0) } else { DispatchQueue.concurrentPerform(iterations: Swift.min(p.threads, p.numTrees)) { grow($0) } }
        }
        return try IsolationForestModel(trees: trees, maxSamples: psi, featureNames: names)
    }

    static func growTree(_ x: Matrix<Float>, seed: UInt64, tree: Int, psi: Int, depthLimit: Int) -> [IsolationForestModel.Node] {
        var random = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(tree + 1))
        let n = x.rows, f = x.columns
        // ψ distinct rows: a partial Fisher–Yates over a virtual 0..<n (swaps kept in a map).
        var swaps: [Int: Int] = [:]
        var rows = [Int](repeating: 0, count: psi)
        for i in 0..<psi {
            let j = i + Int(random.next() % UInt64(n - i))
            let a = swaps[i] ?? i, b = swaps[j] ?? j
            swaps[j] = a
            rows[i] = b
        }
        var nodes: [IsolationForestModel.Node] = []
        nodes.reserveCapacity(2 * psi)
        var features = Array(0..<f)
        x.withUnsafeBufferPointer { xs in
            guard let xb = xs.baseAddress else { return }
            // Work items: (node index, range of `rows`, depth).
            nodes.append(.init(feature: -1, threshold: 0, left: -1, right: -1, samples: Int32(psi)))
            var stack: [(Int, Int, Int, Int)] = [(0, 0, psi, 0)]
            while let (node, lo, hi, depth) = stack.popLast() {
                let count = hi - lo
                guard count > 1, depth < depthLimit else { continue }
                // Draw features without replacement until one is not constant here.
                var remaining = f
                var chosen = -1
                var low: Float = 0, high: Float = 0
                while remaining > 0 {
                    let k = Int(random.next() % UInt64(remaining))
                    let feature = features[k]
                    features.swapAt(k, remaining - 1)
                    remaining -= 1
                    var mn = Float.infinity, mx = -Float.infinity
                    for i in lo..<hi {
                        let v = xb[rows[i] * f + feature]
                        mn = Swift.min(mn, v)
                        mx = Swift.max(mx, v)
                    }
                    if mn < mx {
                        chosen = feature
                        low = mn
                        high = mx
                        break
                    }
                }
                guard chosen >= 0 else { continue }
                let u = Double(random.next() >> 11) * 0x1p-53
                var threshold = Float(Double(low) + (Double(high) - Double(low)) * u)
                if threshold >= high || threshold < low { threshold = low }
                // Partition rows[lo..<hi]: x <= threshold first.
                var mid = lo
                for i in lo..<hi where xb[rows[i] * f + chosen] <= threshold {
                    rows.swapAt(i, mid)
                    mid += 1
                }
                let left = nodes.count, right = left + 1
                nodes.append(.init(feature: -1, threshold: 0, left: -1, right: -1, samples: Int32(mid - lo)))
                nodes.append(.init(feature: -1, threshold: 0, left: -1, right: -1, samples: Int32(hi - mid)))
                nodes[node].feature = Int32(chosen)
                nodes[node].threshold = threshold
                nodes[node].left = Int32(left)
                nodes[node].right = Int32(right)
                stack.append((right, mid, hi, depth + 1))
                stack.append((left, lo, mid, depth + 1))
            }
        }
        return nodes
    }
}

/// The per-tree result slots the growing workers share. `@unchecked Sendable` is safe: each
/// worker writes only the slots of its own tree indices, and `concurrentPerform` returns before
/// the array behind the pointer can change.
struct _TreeSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<[IsolationForestModel.Node]>?
}

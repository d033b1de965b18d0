import Dispatch
import MLCore

/// Grows one tree on binned data from per-row gradient/hessian pairs: histograms per leaf
/// (the smaller child built, the larger one by subtraction from its parent), the best split of
/// every feature with the missing values tried on both sides, leaf-wise or depth-wise growth.
struct _TreeGrower {
    struct Split {
        var feature = -1
        var bin = 0
        var defaultLeft = false
        var gain = -Double.infinity
        var leftG = 0.0, leftH = 0.0, leftC = 0.0
        var isValid: Bool { feature >= 0 }
    }

    struct Leaf {
        var start: Int
        var count: Int
        var g: Double
        var h: Double
        var depth: Int
        var slot: Int
        var node: Int
        var split = Split()
    }

    static let stride = 3  // g, h, count

    let data: _FeatureBins
    let parameters: GBDTParameters
    /// Histogram slots, each `entryCount × 3` doubles (g, h, count per feature bin).
    private var pool: [[Double]] = []
    private var freeSlots: [Int] = []
    /// The row indices of the rows in use, partitioned leaf by leaf.
    var indices: [Int32] = []
    private var scratch: [Int32] = []
    private var ordered: [Float] = []
    /// The bins of the row at each position of ``indices`` (`position × features`), moved along
    /// with the rows by ``partition``: a leaf's rows are then contiguous, so histogram passes
    /// and partitions read memory in order instead of gathering scattered rows.
    private var rowBins: [UInt8] = []
    private var binScratch: [UInt8] = []

    init(data: _FeatureBins, parameters: GBDTParameters, histogramBudgetBytes: Int = defaultHistogramBudgetBytes) {
        self.data = data
        self.parameters = parameters
        self.histogramBudgetBytes = histogramBudgetBytes
    }

    /// The most histogram bytes kept at once; beyond it, the histograms of the leaves least
    /// likely to be split next are dropped and rebuilt if those leaves are split after all.
    static let defaultHistogramBudgetBytes = 512 << 20
    let histogramBudgetBytes: Int

    /// How many histograms fit the budget (at least 3: a parent and its two children).
    var maxSlots: Int {
        Swift.max(3, histogramBudgetBytes / Swift.max(1, data.entryCount * Self.stride * 8))
    }

    /// A free histogram slot, or nil when the budget is used up.
    private mutating func takeSlot() -> Int? {
        if let s = freeSlots.popLast() { return s }
        guard pool.count < maxSlots else { return nil }
        pool.append([Double](repeating: 0, count: data.entryCount * Self.stride))
        return pool.count - 1
    }

    /// Grows a tree over `rows` (ascending row numbers) using `features`, with `gh` the
    /// interleaved gradient/hessian of every training row. Returns the nodes and, per leaf, its
    /// row range in ``indices``.
    mutating func grow(rows: [Int32], features: [Int], gh: [Float]) -> (nodes: [TrainedTree.Node], leaves: [(node: Int, rows: Range<Int>)]) {
        // Reuse the buffers of the previous tree (no fresh pages per tree).
        if indices.count == rows.count {
            indices.withUnsafeMutableBufferPointer { dst in rows.withUnsafeBufferPointer { src in
                if let d = dst.baseAddress, let s = src.baseAddress { d.update(from: s, count: rows.count) }
            } }
        } else {
            indices = rows
        }
        if scratch.count < rows.count { scratch = [Int32](repeating: 0, count: rows.count) }
        let width = data.features
        if rowBins.count < rows.count * width {
            rowBins = [UInt8](repeating: 0, count: rows.count * width)
            binScratch = [UInt8](repeating: 0, count: rows.count * width)
        }
        rowBins.withUnsafeMutableBufferPointer { out in
            data.bins.withUnsafeBufferPointer { bins in
                guard let o = out.baseAddress, let b = bins.baseAddress else { return }
                for (i, r) in rows.enumerated() { (o + i &* width).update(from: b + Int(r) &* width, count: width) }
            }
        }
        var g = 0.0, h = 0.0
        gh.withUnsafeBufferPointer { p in
            for r in rows {
                g += Double(p[Int(r) * 2])
                h += Double(p[Int(r) * 2 + 1])
            }
        }
        var nodes = [TrainedTree.Node(
            feature: -1, threshold: 0, defaultLeft: false, left: -1, right: -1, value: leafValue(g, h), gain: 0, hessian: h)]
        let rootSlot = takeSlot() ?? 0
        buildHistogram(slot: rootSlot, range: 0..<rows.count, features: features, gh: gh)
        var leaves = [Leaf(start: 0, count: rows.count, g: g, h: h, depth: 0, slot: rootSlot, node: 0)]
        leaves[0].split = bestSplit(leaves[0], features: features)
        // Depth-wise growth is bounded by the depth (XGBoost's `hist`), leaf-wise by the leaf count.
        let maxLeaves = parameters.growth == .leafwise ? Swift.max(2, parameters.numLeaves) : Int.max

        /// A slot, dropping another leaf's histogram (the lowest gain, never `keep`) when the
        /// budget is used up.
        func slot(keeping keep: Int) -> Int {
            if let s = takeSlot() { return s }
            var victim = -1
            for (i, l) in leaves.enumerated() where i != keep && l.slot >= 0 {
                if victim < 0 || l.split.gain < leaves[victim].split.gain { victim = i }
            }
            let s = leaves[victim].slot
            leaves[victim].slot = -1
            return s
        }

        func split(_ li: Int) {
            if leaves[li].slot < 0 {
                // Its histogram was dropped for memory: build it again.
                let s = slot(keeping: li)
                leaves[li].slot = s
                buildHistogram(slot: s, range: leaves[li].start..<leaves[li].start + leaves[li].count, features: features, gh: gh)
            }
            let leaf = leaves[li]
            let s = leaf.split
            let boundary = partition(leaf, s)
            let leftCount = boundary - leaf.start
            let rightCount = leaf.count - leftCount
            let left = Leaf(
                start: leaf.start, count: leftCount, g: s.leftG, h: s.leftH, depth: leaf.depth + 1, slot: -1, node: nodes.count)
            let right = Leaf(
                start: boundary, count: rightCount, g: leaf.g - s.leftG, h: leaf.h - s.leftH, depth: leaf.depth + 1, slot: -1,
                node: nodes.count + 1)
            nodes[leaf.node].feature = s.feature
            nodes[leaf.node].threshold = data.cuts[s.feature][s.bin]
            nodes[leaf.node].defaultLeft = s.defaultLeft
            nodes[leaf.node].left = left.node
            nodes[leaf.node].right = right.node
            nodes[leaf.node].gain = s.gain
            for child in [left, right] {
                nodes.append(TrainedTree.Node(
                    feature: -1, threshold: 0, defaultLeft: false, left: -1, right: -1, value: leafValue(child.g, child.h), gain: 0,
                    hessian: child.h))
            }
            // The smaller child's histogram is built; the larger one is the parent's minus it.
            var small = leftCount <= rightCount ? left : right
            var large = leftCount <= rightCount ? right : left
            small.slot = slot(keeping: li)
            buildHistogram(slot: small.slot, range: small.start..<small.start + small.count, features: features, gh: gh)
            large.slot = leaf.slot
            subtract(into: large.slot, small.slot, features: features)
            small.split = canSplit(small) ? bestSplit(small, features: features) : Split()
            large.split = canSplit(large) ? bestSplit(large, features: features) : Split()
            // A leaf that cannot split never needs its histogram again.
            for child in [0, 1] {
                if child == 0 ? !small.split.isValid : !large.split.isValid {
                    freeSlots.append(child == 0 ? small.slot : large.slot)
                    if child == 0 { small.slot = -1 } else { large.slot = -1 }
                }
            }
            let (l, r) = leftCount <= rightCount ? (small, large) : (large, small)
            leaves[li] = l
            leaves.append(r)
        }

        switch parameters.growth {
        case .leafwise:
            while leaves.count < maxLeaves {
                var best = -1
                for (i, leaf) in leaves.enumerated() where leaf.split.isValid {
                    if best < 0 || leaf.split.gain > leaves[best].split.gain { best = i }
                }
                if best < 0 { break }
                split(best)
            }
        case .depthwise:
            var depth = 0
            while leaves.count < maxLeaves {
                let level = leaves.indices.filter { leaves[$0].depth == depth && leaves[$0].split.isValid }
                if level.isEmpty { break }
                for i in level where leaves.count < maxLeaves { split(i) }
                depth += 1
            }
        }
        for leaf in leaves where leaf.slot >= 0 { freeSlots.append(leaf.slot) }
        return (nodes, leaves.map { ($0.node, $0.start..<$0.start + $0.count) })
    }

    private func canSplit(_ leaf: Leaf) -> Bool {
        let maxDepth = parameters.growth == .depthwise && parameters.maxDepth < 0 ? 6 : parameters.maxDepth
        return (maxDepth < 0 || leaf.depth < maxDepth) && leaf.count >= 2 * Swift.max(1, parameters.minChildSamples)
    }

    private func leafValue(_ g: Double, _ h: Double) -> Float {
        Float(-g / (h + parameters.l2) * parameters.learningRate)
    }

    /// Fills `slot` with the histograms of `features` over `indices[range]`.
    private mutating func buildHistogram(slot: Int, range: Range<Int>, features: [Int], gh: [Float]) {
        let n = range.count
        if ordered.count < 2 * n { ordered = [Float](repeating: 0, count: Swift.max(2 * n, ordered.count * 2)) }
        indices.withUnsafeBufferPointer { idx in
            gh.withUnsafeBufferPointer { p in
                ordered.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        let r = Int(idx[range.lowerBound + i])
                        o[2 * i] = p[2 * r]
                        o[2 * i + 1] = p[2 * r + 1]
                    }
                }
            }
        }
        let stride = data.features
        let threads = Swift.max(1, Swift.min(parameters.threads, features.count))
        // Each worker owns a contiguous run of the features and walks every row of the leaf,
        // reading the row's bins (one cache line) — the same sums in the same order at any
        // thread count.
        let chunks: [[Int]] = (0..<threads).map { t in
            Array(features[features.count * t / threads..<features.count * (t + 1) / threads])
        }
        pool[slot].withUnsafeMutableBufferPointer { hist in
            rowBins.withUnsafeBufferPointer { bins in
                ordered.withUnsafeBufferPointer { o in
                    let work = _UnsafeHistogramWork(
                        hist: hist.baseAddress, bins: bins.baseAddress.map { $0 + range.lowerBound &* stride }, ordered: o.baseAddress)
                    let offsets = data.entryOffsets
                    @Sendable func run(_ chunk: Int) {
                        guard let hb = work.hist, let bb = work.bins, let ob = work.ordered else { return }
                        let mine = chunks[chunk]
                        for f in mine {
                            (hb + offsets[f] * 3).update(repeating: 0, count: (offsets[f + 1] - offsets[f]) * 3)
                        }
                        offsets.withUnsafeBufferPointer { off in
                        if mine.count == stride {
                            // Every feature: the row's bins in order.
                            for i in 0..<n {
                                let row = bb + i &* stride
                                let g = Double(ob[2 &* i]), h = Double(ob[2 &* i &+ 1])
                                for f in 0..<stride {
                                    let entry: Int = off[f] &+ Int(row[f])
                                    let p = hb + entry &* 3
                                    p[0] += g
                                    p[1] += h
                                    p[2] += 1
                                }
                            }
                        } else {
                            mine.withUnsafeBufferPointer { fs in
                                for i in 0..<n {
                                    let row = bb + i &* stride
                                    let g = Double(ob[2 &* i]), h = Double(ob[2 &* i &+ 1])
                                    for f in fs {
                                        let entry: Int = off[f] &+ Int(row[f])
                                        let p = hb + entry &* 3
                                        p[0] += g
                                        p[1] += h
                                        p[2] += 1
                                    }
                                }
                            }
                        }
                        }
                    }
                    if threads == 1 {
                        run(0)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: threads) { run($0) }
                    }
                }
            }
        }
    }

    private mutating func subtract(into large: Int, _ small: Int, features: [Int]) {
        let offsets = data.entryOffsets
        let s = pool[small]
        pool[large].withUnsafeMutableBufferPointer { l in
            s.withUnsafeBufferPointer { sp in
                for f in features {
                    for j in offsets[f] * 3..<offsets[f + 1] * 3 { l[j] -= sp[j] }
                }
            }
        }
    }

    /// The best split of `leaf` over `features` (first best in feature then bin order).
    private func bestSplit(_ leaf: Leaf, features: [Int]) -> Split {
        guard canSplit(leaf) else { return Split() }
        let lambda = parameters.l2
        let minC = Double(parameters.minChildSamples)
        let minH = parameters.minChildWeight
        let parentScore = leaf.g * leaf.g / (leaf.h + lambda)
        let totalC = Double(leaf.count)
        var best = Split()
        pool[leaf.slot].withUnsafeBufferPointer { hist in
            for f in features {
                let nb = data.valueBins(f)
                if nb < 2 { continue }
                let base = data.entryOffsets[f] * 3
                let mg = hist[base + nb * 3], mh = hist[base + nb * 3 + 1], mc = hist[base + nb * 3 + 2]
                var lg = 0.0, lh = 0.0, lc = 0.0
                for b in 0..<(nb - 1) {
                    lg += hist[base + b * 3]
                    lh += hist[base + b * 3 + 1]
                    lc += hist[base + b * 3 + 2]
                    for side in 0..<2 {
                        let missingLeft = side == 1
                        if missingLeft && mc == 0 { continue }
                        let g = missingLeft ? lg + mg : lg
                        let h = missingLeft ? lh + mh : lh
                        let c = missingLeft ? lc + mc : lc
                        let rg = leaf.g - g, rh = leaf.h - h, rc = totalC - c
                        if c < minC || rc < minC || h < minH || rh < minH { continue }
                        let gain = g * g / (h + lambda) + rg * rg / (rh + lambda) - parentScore
                        if gain > best.gain {
                            best = Split(feature: f, bin: b, defaultLeft: missingLeft, gain: gain, leftG: g, leftH: h, leftC: c)
                        }
                    }
                }
            }
        }
        return best.gain > parameters.minSplitGain && best.gain > 0 ? best : Split()
    }

    /// Stable partition of the leaf's rows (and their bins in ``rowBins``): left rows first.
    /// Returns the first right position.
    private mutating func partition(_ leaf: Leaf, _ s: Split) -> Int {
        let feature = s.feature
        let stride = data.features
        let bin = UInt8(truncatingIfNeeded: s.bin)
        let missingBin = data.missingBin(feature)
        let missingLeft = s.defaultLeft
        var l = leaf.start
        var r = 0
        indices.withUnsafeMutableBufferPointer { idx in
            scratch.withUnsafeMutableBufferPointer { tmp in
                rowBins.withUnsafeMutableBufferPointer { rb in
                    binScratch.withUnsafeMutableBufferPointer { bs in
                        guard let bins = rb.baseAddress, let spare = bs.baseAddress else { return }
                        let end = leaf.start + leaf.count
                        for i in leaf.start..<end {
                            let row = idx[i]
                            let source = bins + i &* stride
                            let b = source[feature]
                            let goLeft = b == missingBin ? missingLeft : b <= bin
                            if goLeft {
                                if l != i { (bins + l &* stride).update(from: source, count: stride) }
                                idx[l] = row
                                l += 1
                            } else {
                                (spare + r &* stride).update(from: source, count: stride)
                                tmp[r] = row
                                r += 1
                            }
                        }
                        for j in 0..<r { idx[l + j] = tmp[j] }
                        (bins + l &* stride).update(from: spare, count: r &* stride)
                    }
                }
            }
        }
        return l
    }
}

/// The pointers the histogram workers share. `@unchecked Sendable` is safe for its use in
/// ``_TreeGrower/buildHistogram``: workers only read `bins` (the leaf's rows' bins, in position
/// order) and `ordered`, each writes
/// only its own features' region of `hist`, and `concurrentPerform` returns before the buffers
/// they point into can change.
struct _UnsafeHistogramWork: @unchecked Sendable {
    let hist: UnsafeMutablePointer<Double>?
    let bins: UnsafePointer<UInt8>?
    let ordered: UnsafePointer<Float>?
}

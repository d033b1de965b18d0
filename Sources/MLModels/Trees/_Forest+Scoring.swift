import Dispatch
import Synchronization

/// Batch and single-row scoring over a ``_Forest``.
///
/// Batch: rows go in blocks of ``blockRows``; inside a block the loop is tree-major, so one
/// tree's nodes (or one heap group's eight trees, ``_HeapGroups``) stay in cache while every
/// row of the block descends it. Each row's margins are summed in tree order from the base
/// margin, whatever the block, group or thread layout, so results are bit-identical for any
/// thread count and equal to single-row scoring.
extension _Forest {
    static let blockRows = 256
    /// Blocks per unit of work handed to a thread (2,048 rows).
    static let blocksPerChunk = 8

    /// The trees of `selection` and the number of iterations they span.
    func trees(for selection: IterationSelection, bestIteration: Int?) throws -> (range: Range<Int>, iterations: Int) {
        let count = iterationCount
        switch selection {
        case .all:
            return (0..<trees.count, count)
        case .best:
            guard let best = bestIteration, best >= 0, best < count else { return (0..<trees.count, count) }
            return (0..<iterationStarts[best + 1], best + 1)
        case .range(let r):
            guard r.lowerBound >= 0, r.upperBound <= count else {
                throw ScoringError(.invalidIterationRange, "iterations \(r) are outside the model's 0..<\(count)")
            }
            return (iterationStarts[r.lowerBound]..<iterationStarts[r.upperBound], r.count)
        }
    }

    /// Values per row for `output` over `treeCount` trees.
    func width(for output: PredictionOutput, treeCount: Int) -> Int {
        switch output {
        case .value: return link.width(groups: groupCount)
        case .rawMargin: return groupCount
        case .leafIndex: return treeCount
        }
    }

    /// Scores `rowCount` rows into `out` (row stride `width`), on `threads` threads.
    func score(
        _ x: UnsafePointer<Float>, rowCount: Int, into out: UnsafeMutablePointer<Double>, width: Int,
        trees range: Range<Int>, iterations: Int, output: PredictionOutput, threads: Int
    ) {
        let blocks = (rowCount + Self.blockRows - 1) / Self.blockRows
        let workers = max(1, min(threads, blocks))
        if workers == 1 {
            scoreRows(x, 0..<rowCount, out, width: width, trees: range, iterations: iterations, output: output)
            return
        }
        // Workers take chunks of blocks from a shared counter, so a worker whose core is
        // busy with something else does less of the work instead of holding up the call.
        // Which thread scores a row never changes its arithmetic.
        let chunkRows = Self.blockRows * Self.blocksPerChunk
        let chunks = (rowCount + chunkRows - 1) / chunkRows
        let input = _UnsafeSendableReadPointer(pointer: x)
        let output_ = _UnsafeSendablePointer(pointer: out)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if chunk >= chunks { break }
                let lo = chunk * chunkRows
                let hi = min(rowCount, lo + chunkRows)
                self.scoreRows(
                    input.pointer, lo..<hi, output_.pointer, width: width, trees: range, iterations: iterations,
                    output: output)
            }
        }
    }

    /// Scores a contiguous row range on the calling thread.
    func scoreRows(
        _ x: UnsafePointer<Float>, _ rows: Range<Int>, _ out: UnsafeMutablePointer<Double>, width: Int,
        trees range: Range<Int>, iterations: Int, output: PredictionOutput
    ) {
        // Wide inputs get shorter blocks so a block's keys stay within 256 KB.
        let keyStride = self.keyStride
        let b = max(8, min(Self.blockRows, (1 << 16) / max(keyStride, 1)))
        let g = groupCount
        // Eight slots per row for heap groups (see scoreBlock).
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: heapGroups.isEmpty ? b : 8 * b)
        defer { slots.deallocate() }
        let accF = UnsafeMutablePointer<Float>.allocate(capacity: b * max(g, 1))
        defer { accF.deallocate() }
        let accD = UnsafeMutablePointer<Double>.allocate(capacity: b * max(g, 1))
        defer { accD.deallocate() }
        let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: max(b * keyStride, 1))
        defer { keys.deallocate() }
        var r0 = rows.lowerBound
        while r0 < rows.upperBound {
            let n = min(b, rows.upperBound - r0)
            scoreBlock(
                x + r0 * featureCount, n, out + r0 * width, width: width, trees: range, iterations: iterations,
                output: output, slots: slots, accF: accF, accD: accD, keys: keys)
            r0 += n
        }
    }

    private func scoreBlock(
        _ x: UnsafePointer<Float>, _ n: Int, _ out: UnsafeMutablePointer<Double>, width: Int, trees range: Range<Int>,
        iterations: Int, output: PredictionOutput, slots: UnsafeMutablePointer<Int32>,
        accF: UnsafeMutablePointer<Float>, accD: UnsafeMutablePointer<Double>, keys: UnsafeMutablePointer<UInt32>
    ) {
        let g = groupCount
        let stride = featureCount
        let keyStride = self.keyStride
        if heapGroups.isEmpty {
            encodeKeys(x, rows: n, into: keys)
        } else {
            for r in 0..<n {
                encodeKeys(x + r * stride, rows: 1, into: keys + r * keyStride)
                _HeapGroups.doubleKeys(keys + r * keyStride, featureCount: featureCount)
            }
        }
        let isFloat = accumulation == .float32
        if output != .leafIndex {
            for r in 0..<n {
                for k in 0..<g {
                    if isFloat { accF[r * g + k] = Float(baseMargin[k]) } else { accD[r * g + k] = baseMargin[k] }
                }
            }
        }
        let groupAt = heapGroups.groupAt.pointer
        var t = range.lowerBound
        while t < range.upperBound {
            if t + 8 <= range.upperBound && groupAt[t] >= 0 {
                // A heap group: each row walks its eight trees together (as in single-row
                // scoring), eight slots per row; then the trees are added in order.
                let group = Int(groupAt[t])
                for r in 0..<n {
                    heapGroups.leaves(groups: group..<(group + 1), keys + r * keyStride, into: slots + 8 * r)
                }
                for lane in 0..<8 {
                    add(
                        tree: t + lane, slots + lane, slotStride: 8, x, n, out, width: width, trees: range,
                        output: output, accF, accD)
                }
                t += 8
                continue
            }
            let tree = trees[t]
            if tree.depth == 0 {
                for r in 0..<n { slots[r] = tree.root }
            } else if tree.isSimple {
                lockstepLeaves(tree: tree, keys, stride: keyStride, count: n, into: slots)
            } else {
                for r in 0..<n { slots[r] = leaf(from: tree.root, x + r * stride, keys + r * keyStride) }
            }
            add(tree: t, slots, slotStride: 1, x, n, out, width: width, trees: range, output: output, accF, accD)
            t += 1
        }
        if output == .leafIndex { return }
        for r in 0..<n {
            let o = out + r * width
            if isFloat {
                let m = UnsafePointer(accF + r * g)
                if output == .rawMargin {
                    for k in 0..<g { o[k] = Double(m[k]) }
                } else {
                    link.apply(m, g, o)
                }
            } else {
                let m = accD + r * g
                if averageOutput && iterations > 0 {
                    for k in 0..<g { m[k] /= Double(iterations) }
                }
                if output == .rawMargin || link == .identity {
                    for k in 0..<g { o[k] = m[k] }
                } else {
                    for k in 0..<g { o[k] = m[k] }
                    link.applyInPlace(o, g)
                }
            }
        }
    }

    /// Keys per row in a batch block: doubled when there are heap groups (see ``_HeapNode``);
    /// there are groups only when featureCount ≤ 2^28, so this cannot overflow.
    var keyStride: Int { heapGroups.isEmpty ? featureCount : 2 * featureCount }

    /// Adds tree `t`'s leaves `slots[r × slotStride]` for the `n` rows of a block: their leaf
    /// ids to column `t` of `out`, or their values to the rows' accumulators.
    @inline(__always)
    private func add(
        tree t: Int, _ slots: UnsafePointer<Int32>, slotStride: Int, _ x: UnsafePointer<Float>, _ n: Int,
        _ out: UnsafeMutablePointer<Double>, width: Int, trees range: Range<Int>, output: PredictionOutput,
        _ accF: UnsafeMutablePointer<Float>, _ accD: UnsafeMutablePointer<Double>
    ) {
        let g = groupCount
        let tree = trees[t]
        let k = Int(tree.group)
        if output == .leafIndex {
            let ids = leafIDs.pointer
            let column = t - range.lowerBound
            for r in 0..<n { out[r * width + column] = Double(ids[Int(slots[r * slotStride])]) }
        } else if accumulation == .float32 {
            let vf = valuesF.pointer
            for r in 0..<n { accF[r * g + k] += vf[Int(slots[r * slotStride])] }
        } else if tree.hasLinearLeaves {
            for r in 0..<n { accD[r * g + k] += linearLeafValue(slots[r * slotStride], x + r * featureCount) }
        } else {
            let vd = valuesD.pointer
            for r in 0..<n { accD[r * g + k] += vd[Int(slots[r * slotStride])] }
        }
    }

    /// Scores one row with no heap allocation for models of up to a few thousand features
    /// (keys and accumulators live in stack buffers).
    func scoreOne(
        _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Double>, trees range: Range<Int>, iterations: Int,
        output: PredictionOutput
    ) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(keyStride, 1)) { buffer in
            guard let keys = buffer.baseAddress else { return }
            encodeKeys(x, rows: 1, into: keys)
            if !heapGroups.isEmpty { _HeapGroups.doubleKeys(keys, featureCount: featureCount) }
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 8 * _HeapGroups.groupsPerCall) { slotBuffer in
                guard let slots = slotBuffer.baseAddress else { return }
                scoreOne(x, keys, slots, out, trees: range, iterations: iterations, output: output)
            }
        }
    }

    @inline(__always)
    private func leafOne(_ tree: _TreeInfo, _ x: UnsafePointer<Float>, _ keys: UnsafePointer<UInt32>) -> Int32 {
        if tree.depth == 0 { return tree.root }
        if tree.isSimple { return Self.simpleLeaf(nodes.pointer, from: tree.root, keys) }
        return leaf(from: tree.root, x, keys)
    }

    /// Calls `body(t, leaf)` for every tree `t` of `range` in order. Whole groups of the padded
    /// layout (``_HeapGroups``) are walked a run at a time into `slots` (room for
    /// ``_HeapGroups/groupsPerCall`` groups; `keys` are doubled when there are groups); other
    /// runs of eight all-numeric trees are descended together (``leavesOfEightTrees``).
    @inline(__always)
    private func forEachLeaf(
        _ range: Range<Int>, _ x: UnsafePointer<Float>, _ keys: UnsafePointer<UInt32>,
        _ slots: UnsafeMutablePointer<Int32>, _ body: (Int, Int32) -> Void
    ) {
        let treeInfo = treeInfos.pointer
        let nodes = self.nodes.pointer
        let groupAt = heapGroups.groupAt.pointer
        var t = range.lowerBound
        while t < range.upperBound {
            if t + 8 <= range.upperBound && groupAt[t] >= 0 {
                // The consecutive whole groups from t, at most groupsPerCall, in one call.
                let first = Int(groupAt[t])
                let count = min(
                    Int(heapGroups.groupRun.base[t]), (range.upperBound - t) / 8, _HeapGroups.groupsPerCall)
                heapGroups.leaves(groups: first..<(first + count), keys, into: slots)
                for k in 0..<(8 * count) { body(t + k, slots[k]) }
                t += 8 * count
            } else if t + 8 <= range.upperBound && simpleRunLength.base[t] >= 8 {
                var depth: Int32 = 0
                for k in 0..<8 { depth = max(depth, treeInfo[t + k].depth) }
                let l = Self.leavesOfEightTrees(nodes, treeInfo + t, maxDepth: Int(depth), keys)
                body(t, l.0)
                body(t + 1, l.1)
                body(t + 2, l.2)
                body(t + 3, l.3)
                body(t + 4, l.4)
                body(t + 5, l.5)
                body(t + 6, l.6)
                body(t + 7, l.7)
                t += 8
            } else {
                body(t, leafOne(treeInfo[t], x, keys))
                t += 1
            }
        }
    }

    private func scoreOne(
        _ x: UnsafePointer<Float>, _ keys: UnsafePointer<UInt32>, _ slots: UnsafeMutablePointer<Int32>,
        _ out: UnsafeMutablePointer<Double>,
        trees range: Range<Int>, iterations: Int, output: PredictionOutput
    ) {
        let g = groupCount
        let treeInfo = treeInfos.pointer
        if output == .leafIndex {
            let ids = leafIDs.pointer
            forEachLeaf(range, x, keys, slots) { t, leaf in out[t - range.lowerBound] = Double(ids[Int(leaf)]) }
            return
        }
        switch accumulation {
        case .float32:
            let vf = valuesF.pointer
            if g == 1 {
                var acc = Float(baseMargin[0])
                forEachLeaf(range, x, keys, slots) { _, leaf in acc += vf[Int(leaf)] }
                if output == .rawMargin {
                    out[0] = Double(acc)
                } else {
                    withUnsafePointer(to: acc) { link.apply($0, 1, out) }
                }
                return
            }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: g) { buffer in
                guard let acc = buffer.baseAddress else { return }
                for k in 0..<g { acc[k] = Float(baseMargin[k]) }
                forEachLeaf(range, x, keys, slots) { t, leaf in acc[Int(treeInfo[t].group)] += vf[Int(leaf)] }
                if output == .rawMargin {
                    for k in 0..<g { out[k] = Double(acc[k]) }
                } else {
                    link.apply(acc, g, out)
                }
            }
        case .float64:
            let vd = valuesD.pointer
            withUnsafeTemporaryAllocation(of: Double.self, capacity: g) { buffer in
                guard let acc = buffer.baseAddress else { return }
                for k in 0..<g { acc[k] = baseMargin[k] }
                forEachLeaf(range, x, keys, slots) { t, slot in
                    let tree = treeInfo[t]
                    acc[Int(tree.group)] += tree.hasLinearLeaves ? linearLeafValue(slot, x) : vd[Int(slot)]
                }
                if averageOutput && iterations > 0 {
                    for k in 0..<g { acc[k] /= Double(iterations) }
                }
                for k in 0..<g { out[k] = acc[k] }
                if output == .value { link.applyInPlace(out, g) }
            }
        }
    }
}

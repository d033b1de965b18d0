/// One node of the padded complete-tree ("heap") layout of ``_HeapGroups``: 8 bytes and no
/// child indices (the children of position `j` are `2j` and `2j + 1`).
///
/// The row's keys are doubled for this layout (``_HeapGroups/doubleKeys(_:featureCount:)``):
/// `keys[j]` is feature `j`'s key and `keys[featureCount + j]` is that key `&- 1`. A node reads
/// the first copy when NaN goes left and the second when NaN goes right, so the compact step
/// `key &- nanRight <= bound` (``_Forest/step``) becomes `keys[key] <= bound` with the same
/// `bound`: the same decision for every key, float keys and bin codes alike.
struct _HeapNode: Sendable {
    /// Index into the doubled keys: the feature, plus `featureCount` when NaN goes right.
    var key: UInt32
    var bound: UInt32

    /// Sits below a leaf that is shallower than the padded depth: every key is `<= .max`, so
    /// every row goes left, down to the bottom position that maps back to the leaf.
    static let passThrough = _HeapNode(key: 0, bound: .max)
}

/// Runs of eight all-numeric trees stored as complete binary trees padded to a common depth,
/// walked eight trees at a time for one row: in single-row scoring
/// (``_Forest/scoreOne(_:_:trees:iterations:output:)``) and, row by row, in batch blocks.
///
/// A group holds eight consecutive trees padded to depth `D` (the deepest of the eight).
/// Positions are 1-based: the root is 1 and the children of `j` are `2j` (left) and `2j + 1`
/// (right). Internal position `j` (1 ..< 2^D) of lane `k` (the group's `k`-th tree) is node
/// `8j + k` of the group (row 0 is padding), so the eight roots share one cache line, and a
/// step is `j = 2j + (keys[node.key] > node.bound)`: two loads and a compare, with no child
/// loads and no test for leaves. Positions below a leaf that is shallower than `D` are
/// ``_HeapNode/passThrough`` nodes. After exactly `D` steps a lane is at bottom position `j`
/// (2^D ..< 2^(D+1)), and `leaves[8(j − 2^D) + k]` is the original leaf's slot in the forest's
/// node arrays, so callers get exactly the leaves the compact walk finds and read values,
/// leaf ids and linear leaves as before.
///
/// A group is only built when it pays and memory stays bounded: every tree all-numeric
/// (``_TreeInfo/isSimple``), `D ≤` ``maximumDepth``, and the padded group no larger than
/// ``maximumExpansion`` times the eight trees' compact 16-byte nodes. Trees that are not in a
/// group, and groups cut by an iteration range, keep the compact path.
final class _HeapGroups: Sendable {
    /// Where a group's nodes and leaves start, and its padded depth.
    struct Group: Sendable {
        var nodes: Int
        var leaves: Int
        var depth: Int
    }

    static let lanes = 8
    /// Deepest padded depth: 8 × 1,024 nodes and leaf slots, 96 KB per group.
    static let maximumDepth = 10
    /// Padded bytes per group at most this many times the compact bytes of its trees (the
    /// compact nodes stay: trees outside groups and groups cut by an iteration range use them).
    static let maximumExpansion = 4

    let nodes: _UnsafeBuffer<_HeapNode>
    let leaves: _UnsafeBuffer<Int32>
    let groups: _UnsafeBuffer<Group>
    /// Per tree: the group that starts at it, or -1.
    let groupAt: _UnsafeBuffer<Int32>
    /// Per tree: how many groups follow one another from it (group `groupAt[t]` at `t`, the
    /// next one at `t + 8`, …), 0 where no group starts.
    let groupRun: _UnsafeBuffer<Int32>

    /// No group: nothing to store, and scoring skips the doubled keys.
    var isEmpty: Bool { groups.count == 0 }

    /// Builds the groups of `trees` over the compact `nodes` (validated by ``_ForestBuilder``;
    /// anything unexpected leaves the trees on the compact path instead of trapping).
    init(nodes: [_Node], trees: [_TreeInfo], featureCount: Int) {
        var heapNodes: [_HeapNode] = []
        var heapLeaves: [Int32] = []
        var groups: [Group] = []
        var groupAt = [Int32](repeating: -1, count: trees.count)
        // Compact node count per tree: the builder stores trees contiguously, root first.
        var sizes = [Int](repeating: 0, count: trees.count)
        for t in trees.indices {
            let end = t + 1 < trees.count ? Int(trees[t + 1].root) : nodes.count
            sizes[t] = max(0, end - Int(trees[t].root))
        }
        let lanes = Self.lanes
        var t = 0
        while t + lanes <= trees.count {
            let run = trees[t..<(t + lanes)]
            let depth = run.reduce(0) { max($0, Int($1.depth)) }
            // At most nodes.count (< 2^31) nodes: no overflow, checked all the same.
            let (limit, overflow) = sizes[t..<(t + lanes)].reduce(0, +).multipliedReportingOverflow(
                by: MemoryLayout<_Node>.stride * Self.maximumExpansion)
            guard !overflow, run.allSatisfy({ $0.isSimple && $0.depth >= 0 }), depth <= Self.maximumDepth,
                Self.paddedBytes(depth: depth) <= limit,
                let group = Self.layout(trees: run, depth: depth, nodes: nodes, featureCount: featureCount)
            else {
                t += 1
                continue
            }
            groupAt[t] = Int32(truncatingIfNeeded: groups.count)
            groups.append(Group(nodes: heapNodes.count, leaves: heapLeaves.count, depth: depth))
            heapNodes += group.nodes
            heapLeaves += group.leaves
            t += lanes
        }
        var groupRun = [Int32](repeating: 0, count: trees.count)
        for t in stride(from: trees.count - 1, through: 0, by: -1) where groupAt[t] >= 0 {
            let next = t + lanes < trees.count && groupAt[t + lanes] == groupAt[t] + 1 ? groupRun[t + lanes] : 0
            groupRun[t] = next + 1
        }
        self.nodes = _UnsafeBuffer(heapNodes)
        self.leaves = _UnsafeBuffer(heapLeaves)
        self.groups = _UnsafeBuffer(groups)
        self.groupAt = _UnsafeBuffer(groupAt)
        self.groupRun = _UnsafeBuffer(groupRun)
    }

    /// Bytes of one group padded to `depth` (≤ ``maximumDepth``): 2^depth rows of eight nodes
    /// (row 0 unused, see ``layout(trees:depth:nodes:featureCount:)``) and 2^depth rows of
    /// eight leaf slots.
    static func paddedBytes(depth: Int) -> Int {
        (lanes << depth) * (MemoryLayout<_HeapNode>.stride + MemoryLayout<Int32>.stride)
    }

    /// The interleaved nodes and bottom leaf slots of eight trees padded to `depth`, or nil
    /// when a tree is not what the group needs (a complex node, a node out of range, an
    /// internal node at the bottom).
    ///
    /// Positions are 1-based (root 1, children of `j` at `2j` and `2j + 1`), so a step is
    /// `j + j + bit`; internal position `j` of lane `k` is node `8j + k` (row 0 is padding),
    /// and bottom position `j` (2^depth ..< 2^(depth+1)) is leaf `8(j − 2^depth) + k`.
    static func layout(
        trees: ArraySlice<_TreeInfo>, depth: Int, nodes: [_Node], featureCount: Int
    ) -> (nodes: [_HeapNode], leaves: [Int32])? {
        guard depth >= 0, depth <= maximumDepth, featureCount >= 0, featureCount <= _Node.maximumFeatureCount else {
            return nil
        }
        let rows = 1 << depth
        var heap = [_HeapNode](repeating: .passThrough, count: rows * lanes)
        var leaves = [Int32](repeating: 0, count: rows * lanes)
        // Compact node at each position of one tree (index 0 unused).
        var at = [Int32](repeating: 0, count: 2 * rows)
        let nanRightOffset = UInt32(featureCount)
        for (lane, tree) in trees.enumerated() {
            at[1] = tree.root
            for j in 1..<rows {
                let i = Int(at[j])
                guard i >= 0, i < nodes.count else { return nil }
                let n = nodes[i]
                if n.left == Int32(i) {
                    // A leaf above the bottom: both children repeat it (only the left is reached).
                    at[2 * j] = Int32(i)
                    at[2 * j + 1] = Int32(i)
                    continue
                }
                guard !n.isComplex, n.feature < featureCount else { return nil }
                let key = UInt32(n.feature) + (n.nanGoesLeft ? 0 : nanRightOffset)
                heap[j * lanes + lane] = _HeapNode(key: key, bound: n.bound)
                at[2 * j] = n.left
                at[2 * j + 1] = n.right
            }
            for b in 0..<rows {
                let i = Int(at[rows + b])
                guard i >= 0, i < nodes.count, nodes[i].left == Int32(i) else { return nil }
                leaves[b * lanes + lane] = Int32(i)
            }
        }
        return (heap, leaves)
    }

    /// Appends the second key copy (`key &- 1`, read by NaN-right nodes) after the first
    /// `featureCount` keys; `keys` holds at least `max(2 × featureCount, 1)` values.
    @inline(__always)
    static func doubleKeys(_ keys: UnsafeMutablePointer<UInt32>, featureCount: Int) {
        if featureCount == 0 {
            keys[0] = 0  // read by pass-through nodes, whose comparison holds for any value
            return
        }
        for j in 0..<featureCount { keys[featureCount + j] = keys[j] &- 1 }
    }

    /// One step of lane `lane` from the row at byte offset `o` (64 bytes per row of eight
    /// nodes, so `o = 64j` for position `j`): `o` becomes `2o` or `2o + 64`. Keeping the byte
    /// offset rather than `j` makes each load a single addressing mode.
    @inline(__always)
    static func step(_ nodes: UnsafeRawPointer, _ o: Int, _ lane: Int, _ keys: UnsafePointer<UInt32>) -> Int {
        let key = nodes.load(fromByteOffset: o &+ lane &* 8, as: UInt32.self)
        let bound = nodes.load(fromByteOffset: o &+ lane &* 8 &+ 4, as: UInt32.self)
        return o &+ o &+ (Int(_bit(bound < keys[Int(key)])) &<< 6)
    }

    /// Most groups per ``leaves(groups:_:into:)`` call from the single-row path, whose slot
    /// buffer lives on the stack (128 slots, 512 bytes).
    static let groupsPerCall = 16

    /// Writes the leaf slots of `groups` (consecutive groups) for one row with doubled `keys`
    /// to `slots`, eight per group in tree order.
    @inline(__always)
    func leaves(groups: Range<Int>, _ keys: UnsafePointer<UInt32>, into slots: UnsafeMutablePointer<Int32>) {
        Self.walk(
            self.groups.pointer + groups.lowerBound, count: groups.count, nodes: nodes.pointer, leaves: leaves.pointer,
            keys, into: slots)
    }

    /// Per group: `depth` steps of the eight lanes (eight independent load chains, so the
    /// core overlaps their cache misses), then one leaf-table read per lane.
    ///
    /// Each step also stores the lane's position to its output slot (overwritten with the
    /// leaf at the end). The store costs one instruction but pins the order: without it the
    /// optimizer moved all eight position updates to the end of the loop body, ran out of the
    /// 13 registers left with the frame pointer, and spilled on every step (≈ 12 instructions
    /// per node instead of 8). Two loops of four lanes also fit, with one instruction less per
    /// node, but were 13 % slower per row: four chains hide less memory latency.
    @inline(never)
    static func walk(
        _ groups: UnsafePointer<Group>, count: Int, nodes: UnsafePointer<_HeapNode>, leaves: UnsafePointer<Int32>,
        _ keys: UnsafePointer<UInt32>, into slots: UnsafeMutablePointer<Int32>
    ) {
        let root = MemoryLayout<_HeapNode>.stride * lanes
        var out = slots
        for g in 0..<count {
            let group = groups[g]
            let n = UnsafeRawPointer(nodes + group.nodes)
            var o0 = root, o1 = root, o2 = root, o3 = root, o4 = root, o5 = root, o6 = root, o7 = root
            for _ in 0..<group.depth {
                o0 = step(n, o0, 0, keys)
                out[0] = Int32(truncatingIfNeeded: o0)
                o1 = step(n, o1, 1, keys)
                out[1] = Int32(truncatingIfNeeded: o1)
                o2 = step(n, o2, 2, keys)
                out[2] = Int32(truncatingIfNeeded: o2)
                o3 = step(n, o3, 3, keys)
                out[3] = Int32(truncatingIfNeeded: o3)
                o4 = step(n, o4, 4, keys)
                out[4] = Int32(truncatingIfNeeded: o4)
                o5 = step(n, o5, 5, keys)
                out[5] = Int32(truncatingIfNeeded: o5)
                o6 = step(n, o6, 6, keys)
                out[6] = Int32(truncatingIfNeeded: o6)
                o7 = step(n, o7, 7, keys)
                out[7] = Int32(truncatingIfNeeded: o7)
            }
            // Lane k at bottom position j (o = 64j) reads leaf 8(j − 2^depth) + k = o/8 − 8·2^depth + k.
            let b = group.leaves &- (lanes &<< group.depth)
            out[0] = leaves[b &+ o0 &>> 3]
            out[1] = leaves[b &+ o1 &>> 3 &+ 1]
            out[2] = leaves[b &+ o2 &>> 3 &+ 2]
            out[3] = leaves[b &+ o3 &>> 3 &+ 3]
            out[4] = leaves[b &+ o4 &>> 3 &+ 4]
            out[5] = leaves[b &+ o5 &>> 3 &+ 5]
            out[6] = leaves[b &+ o6 &>> 3 &+ 6]
            out[7] = leaves[b &+ o7 &>> 3 &+ 7]
            out += lanes
        }
    }
}

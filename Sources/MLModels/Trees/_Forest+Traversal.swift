/// Tree traversal: the branch-free numeric step, the general step (categorical and
/// zero-as-missing nodes), and 8-row lockstep descent.
extension _Forest {
    /// One numeric step over key-encoded features (see ``_Node`` and ``_Keys``): one
    /// subtraction, one unsigned comparison and a conditional move; no branch on the data.
    @inline(__always)
    static func step(_ nodes: UnsafePointer<_Node>, _ i: Int32, _ keys: UnsafePointer<UInt32>) -> Int32 {
        let n = nodes[Int(i)]
        let k = keys[Int(n.featureAndFlags & _Node.featureMask)]
        let nanRight = ~n.featureAndFlags >> 31
        return k &- nanRight <= n.bound ? n.left : n.right
    }

    /// Writes the keys of `count` rows of `x` (row-major, `stride` features) to `keys`.
    @inline(__always)
    static func encode(_ x: UnsafePointer<Float>, count: Int, into keys: UnsafeMutablePointer<UInt32>) {
        for j in 0..<count { keys[j] = _Keys.key(x[j]) }
    }

    /// The next node from a complex node (categorical split or zero-as-missing).
    @inline(never)
    func complexStep(_ n: _Node, _ x: UnsafePointer<Float>) -> Int32 {
        let v = x[n.feature]
        if v.isNaN { return n.nanGoesLeft ? n.left : n.right }
        let c = complexNodes.base[Int(n.bound)]
        switch c.kind {
        case .zeroIsMissing:
            // LightGBM's kZeroThreshold is the float 1e-35f.
            if abs(v) <= Float(1e-35) { return c.defaultLeft ? n.left : n.right }
            return v <= c.threshold ? n.left : n.right
        case .listedCategoriesGoRight:
            // XGBoost: invalid codes (negative, ≥ 2^24) go left; the code is the truncated value.
            if v < 0 || v >= 16_777_216 { return n.left }
            let code = Int32(v)
            var lo = Int(c.start)
            var hi = Int(c.start) + Int(c.count)
            let cats = categories.base
            while lo < hi {
                let mid = (lo + hi) >> 1
                let m = cats[mid]
                if m == code { return n.right }
                if m < code { lo = mid + 1 } else { hi = mid }
            }
            return n.left
        case .bitsetGoesLeft:
            // LightGBM: static_cast<int>(x) < 0 goes right; so do codes outside the bitset.
            if !(v > -1) || v >= 2_147_483_648 { return n.right }
            let code = Int(v)
            let word = code >> 5
            guard word < Int(c.count) else { return n.right }
            let bits = bitsetWords.base[Int(c.start) + word]
            return (bits >> UInt32(code & 31)) & 1 != 0 ? n.left : n.right
        }
    }

    /// The leaf node reached from `root` by one row (`x` and its keys), every node kind handled.
    @inline(__always)
    func leaf(from root: Int32, _ x: UnsafePointer<Float>, _ keys: UnsafePointer<UInt32>) -> Int32 {
        let nodes = self.nodes.pointer
        var i = root
        while true {
            let n = nodes[Int(i)]
            if n.left == i { return i }
            i = n.isComplex ? complexStep(n, x) : Self.step(nodes, i, keys)
        }
    }

    /// The leaf reached from `root` in an all-numeric tree.
    @inline(__always)
    static func simpleLeaf(_ nodes: UnsafePointer<_Node>, from root: Int32, _ keys: UnsafePointer<UInt32>) -> Int32 {
        var i = root
        while true {
            let next = step(nodes, i, keys)
            if next == i { return i }
            i = next
        }
    }

    /// Leaves of one all-numeric tree for `count` rows (`x` row-major with `stride` features),
    /// eight rows at a time in lockstep: the eight independent chains hide the load latency.
    /// Leaves loop to themselves, so running `depth` steps is exact for every row.
    func lockstepLeaves(
        tree: _TreeInfo, _ x: UnsafePointer<UInt32>, stride: Int, count: Int, into slots: UnsafeMutablePointer<Int32>
    ) {
        let nodes = self.nodes.pointer
        let root = tree.root
        let depth = Int(tree.depth)
        var r = 0
        while r < count {
            let last = count - 1
            let x0 = x + r * stride
            let x1 = x + min(r + 1, last) * stride
            let x2 = x + min(r + 2, last) * stride
            let x3 = x + min(r + 3, last) * stride
            let x4 = x + min(r + 4, last) * stride
            let x5 = x + min(r + 5, last) * stride
            let x6 = x + min(r + 6, last) * stride
            let x7 = x + min(r + 7, last) * stride
            var i0 = root, i1 = root, i2 = root, i3 = root
            var i4 = root, i5 = root, i6 = root, i7 = root
            if depth <= Self.fixedDepthLimit {
                for _ in 0..<depth {
                    i0 = Self.step(nodes, i0, x0)
                    i1 = Self.step(nodes, i1, x1)
                    i2 = Self.step(nodes, i2, x2)
                    i3 = Self.step(nodes, i3, x3)
                    i4 = Self.step(nodes, i4, x4)
                    i5 = Self.step(nodes, i5, x5)
                    i6 = Self.step(nodes, i6, x6)
                    i7 = Self.step(nodes, i7, x7)
                }
            } else {
                // Deep, unbalanced trees (LightGBM): stop once no row moved, i.e. all 8 sit
                // on leaves, instead of always walking the deepest path.
                for _ in 0..<depth {
                    let p0 = i0, p1 = i1, p2 = i2, p3 = i3, p4 = i4, p5 = i5, p6 = i6, p7 = i7
                    i0 = Self.step(nodes, i0, x0)
                    i1 = Self.step(nodes, i1, x1)
                    i2 = Self.step(nodes, i2, x2)
                    i3 = Self.step(nodes, i3, x3)
                    i4 = Self.step(nodes, i4, x4)
                    i5 = Self.step(nodes, i5, x5)
                    i6 = Self.step(nodes, i6, x6)
                    i7 = Self.step(nodes, i7, x7)
                    let moved = (p0 ^ i0) | (p1 ^ i1) | (p2 ^ i2) | (p3 ^ i3) | (p4 ^ i4) | (p5 ^ i5) | (p6 ^ i6) | (p7 ^ i7)
                    if moved == 0 { break }
                }
            }
            if r + 8 <= count {
                slots[r] = i0
                slots[r + 1] = i1
                slots[r + 2] = i2
                slots[r + 3] = i3
                slots[r + 4] = i4
                slots[r + 5] = i5
                slots[r + 6] = i6
                slots[r + 7] = i7
            } else {
                let results = (i0, i1, i2, i3, i4, i5, i6, i7)
                withUnsafeBytes(of: results) { raw in
                    let values = raw.bindMemory(to: Int32.self)
                    for k in 0..<(count - r) { slots[r + k] = values[k] }
                }
            }
            r += 8
        }
    }

    /// Trees up to this depth run a fixed number of lockstep steps; deeper ones stop early.
    static let fixedDepthLimit = 10

    /// Leaves of eight all-numeric trees for one row, descended together so the eight
    /// independent load chains overlap (single-row latency is otherwise one cache miss per
    /// visit). Stops when no tree moved.
    @inline(__always)
    static func leavesOfEightTrees(
        _ nodes: UnsafePointer<_Node>, _ roots: UnsafePointer<_TreeInfo>, maxDepth: Int, _ keys: UnsafePointer<UInt32>
    ) -> (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) {
        var i0 = roots[0].root, i1 = roots[1].root, i2 = roots[2].root, i3 = roots[3].root
        var i4 = roots[4].root, i5 = roots[5].root, i6 = roots[6].root, i7 = roots[7].root
        for _ in 0..<maxDepth {
            let p0 = i0, p1 = i1, p2 = i2, p3 = i3, p4 = i4, p5 = i5, p6 = i6, p7 = i7
            i0 = step(nodes, i0, keys)
            i1 = step(nodes, i1, keys)
            i2 = step(nodes, i2, keys)
            i3 = step(nodes, i3, keys)
            i4 = step(nodes, i4, keys)
            i5 = step(nodes, i5, keys)
            i6 = step(nodes, i6, keys)
            i7 = step(nodes, i7, keys)
            let moved = (p0 ^ i0) | (p1 ^ i1) | (p2 ^ i2) | (p3 ^ i3) | (p4 ^ i4) | (p5 ^ i5) | (p6 ^ i6) | (p7 ^ i7)
            if moved == 0 { break }
        }
        return (i0, i1, i2, i3, i4, i5, i6, i7)
    }

    /// The value a leaf adds for one row: its constant, or its linear model when it has one
    /// and none of the model's features is NaN (LightGBM linear trees).
    @inline(__always)
    func linearLeafValue(_ slot: Int32, _ x: UnsafePointer<Float>) -> Double {
        let model = linearNodeModel.count > 0 ? linearNodeModel.base[Int(slot)] : -1
        if model < 0 { return valuesD.base[Int(slot)] }
        var out = linearConstants.base[Int(model)]
        let start = Int(linearStarts.base[Int(model)])
        let end = Int(linearEnds.base[Int(model)])
        for j in start..<end {
            let v = x[Int(linearFeatures.base[j])]
            if v.isNaN { return valuesD.base[Int(slot)] }
            out += linearCoefficients.base[j] * Double(v)
        }
        return out
    }
}

/// A `Bool` as 0 or 1 without a branch. A ternary (`b ? 1 : 0`) lets the optimizer emit
/// jumps, which mispredict on data-dependent splits; `Bool` is one byte holding 0 or 1.
@inline(__always)
func _bit(_ b: Bool) -> UInt8 {
    unsafeBitCast(b, to: UInt8.self)
}

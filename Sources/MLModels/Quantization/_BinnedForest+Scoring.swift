/// Scoring on bins: the same leaves as the float forest (see ``_BinnedForest``), summed in
/// the same order and precision, so outputs equal the float model's bit for bit.
extension _BinnedForest {
    /// Scores one row into `out` (width as the float forest's for `output`).
    func scoreOne(
        _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Double>, trees range: Range<Int>, iterations: Int,
        output: PredictionOutput
    ) {
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(forest.featureCount, 1)) { buffer in
            guard let b = buffer.baseAddress else { return }
            bins(x, into: b)
            scoreOne(x, UnsafePointer(b), out, trees: range, iterations: iterations, output: output)
        }
    }

    private func scoreOne(
        _ x: UnsafePointer<Float>, _ bins: UnsafePointer<UInt16>, _ out: UnsafeMutablePointer<Double>,
        trees range: Range<Int>, iterations: Int, output: PredictionOutput
    ) {
        let f = forest
        let g = f.groupCount
        let info = f.treeInfos.pointer
        if output == .leafIndex {
            let ids = f.leafIDs.pointer
            for t in range { out[t - range.lowerBound] = Double(ids[Int(leaf(from: info[t].root, x, bins))]) }
            return
        }
        switch f.accumulation {
        case .float32:
            let vf = f.valuesF.pointer
            withUnsafeTemporaryAllocation(of: Float.self, capacity: max(g, 1)) { buffer in
                guard let acc = buffer.baseAddress else { return }
                for k in 0..<g { acc[k] = Float(f.baseMargin[k]) }
                for t in range { acc[Int(info[t].group)] += vf[Int(leaf(from: info[t].root, x, bins))] }
                if output == .rawMargin {
                    for k in 0..<g { out[k] = Double(acc[k]) }
                } else {
                    f.link.apply(acc, g, out)
                }
            }
        case .float64:
            let vd = f.valuesD.pointer
            withUnsafeTemporaryAllocation(of: Double.self, capacity: max(g, 1)) { buffer in
                guard let acc = buffer.baseAddress else { return }
                for k in 0..<g { acc[k] = f.baseMargin[k] }
                for t in range {
                    let tree = info[t]
                    let slot = leaf(from: tree.root, x, bins)
                    acc[Int(tree.group)] += tree.hasLinearLeaves ? f.linearLeafValue(slot, x) : vd[Int(slot)]
                }
                if f.averageOutput && iterations > 0 {
                    for k in 0..<g { acc[k] /= Double(iterations) }
                }
                for k in 0..<g { out[k] = acc[k] }
                if output == .value { f.link.applyInPlace(out, g) }
            }
        }
    }
}

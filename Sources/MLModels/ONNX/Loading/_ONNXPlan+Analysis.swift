/// What loading learns about a plan from its probe runs; each kernel answers for its own op
/// (``_ONNXKernel``), so nothing here knows a concrete kernel type.
extension _ONNXPlan {
    /// The plan with each kernel prepared for its first input as seen in `probe` (tree
    /// ensembles with a known input width move to the flat engine), and the size of its tree
    /// ensembles.
    func specializingKernels(probe: _ONNXRunContext) -> (plan: _ONNXPlan, trees: _ONNXTreeStatistics) {
        var trees = _ONNXTreeStatistics()
        let plan = replacingKernels { step in
            guard let slot = step.inputs.first, slot >= 0 else { return nil }
            let special = step.kernel.specialized(forInput: probe.values[slot])
            if let statistics = (special ?? step.kernel).treeStatistics { trees.add(statistics) }
            return special
        }
        return (plan, trees)
    }

    /// Whether rows can be scored in independent chunks: every input-dependent value lays its
    /// elements out in row blocks — exactly one axis grows with the rows (2 in `small`, 5 in
    /// `large`), only 1s before it, the rest fixed — and no op combines values along that axis
    /// without changing its size (``_ONNXKernel/mixesRows(of:rowAxis:)``,
    /// ``_ONNXKernel/readsWholeInput``).
    func isRowSeparable(small: _ONNXRunContext, large: _ONNXRunContext) -> Bool {
        var rowAxis = [Int](repeating: -1, count: slotCount)
        for slot in 0..<slotCount where dependsOnInput[slot] {
            let a = small.values[slot]
            let b = large.values[slot]
            guard a.rank >= 1, a.rank == b.rank else { return false }
            var axis = -1
            for d in 0..<a.rank where a.shape[d] != b.shape[d] {
                if axis >= 0 || a.shape[d] != 2 || b.shape[d] != 5 { return false }
                axis = d
            }
            for d in 0..<max(axis, 0) where a.shape[d] != 1 { return false }
            if axis < 0 { return false }
            rowAxis[slot] = axis
        }
        for step in steps {
            if step.kernel.readsWholeInput, step.inputs.contains(where: { $0 >= 0 && dependsOnInput[$0] }) { return false }
            guard let first = step.inputs.first, first >= 0, dependsOnInput[first] else { continue }
            if step.kernel.mixesRows(step, probe: small, rowAxis: rowAxis[first]) { return false }
        }
        return true
    }

    /// The class labels, in score-column order, from the first op that defines `width` of them.
    func classLabels(width: Int) -> [String]? {
        for step in steps {
            if let labels = step.kernel.classLabels, labels.count == width { return labels.texts }
        }
        return nil
    }

    /// The direct single-row scorer of a plan that is exactly one step from the float input to
    /// the outputs, when that step's kernel offers one (a flat-engine tree ensemble).
    func directScorer(input inputs: _ONNXGraphInputs, outputs: _ONNXGraphOutputs) -> _ONNXDirectTreeScorer? {
        guard let input = inputs.single, input.type == .float, steps.count == 1, let step = steps.first,
            step.inputs.first == input.slot
        else { return nil }
        return step.kernel.directScorer(
            step, featureCount: input.width, labelSlot: outputs.labelSlot, scoreSlot: outputs.scoreSlot, width: outputs.width)
    }
}

/// The graph outputs a model reads — `[label, scores]` (classifiers, anomaly detectors) or
/// `[values]` (regressors) — and what they make of the model, checked on the probe runs.
struct _ONNXGraphOutputs: Sendable {
    /// The label output's slot, for graphs with a label per row.
    private(set) var labelSlot: Int?
    /// The score output's slot.
    private(set) var scoreSlot: Int
    /// `[label, scores]` or `[values]`.
    let names: [String]
    /// Score columns per row: K for classifiers, 1 for anomaly detectors, T for regressors.
    let width: Int
    let kind: OutputKind
    /// `binary`, `multiclass`, `anomaly` or `regression`.
    let objective: String

    /// Reads the outputs of `plan` from the probe runs on 2 (`small`) and 5 (`large`) rows.
    /// - Throws: ``ModelLoadingError`` `.unsupported` for other outputs, shapes or types.
    init(_ plan: _ONNXPlan, small: _ONNXRunContext, large: _ONNXRunContext, fileSize: Int) throws {
        let outs = plan.outputs
        if outs.count == 2 {
            let a = small.values[outs[0].slot]
            let b = small.values[outs[1].slot]
            let aIsLabel = a.type == .int64 || a.type == .string
            let bIsLabel = b.type == .int64 || b.type == .string
            guard aIsLabel != bIsLabel else {
                throw ModelLoadingError(
                    .unsupported, "outputs '\(outs[0].name)' (\(a.type)) and '\(outs[1].name)' (\(b.type)) are not a label and scores", key: "output")
            }
            let (l, s) = aIsLabel ? (outs[0], outs[1]) : (outs[1], outs[0])
            labelSlot = l.slot
            scoreSlot = s.slot
            names = [l.name, s.name]
        } else if outs.count == 1 {
            scoreSlot = outs[0].slot
            names = [outs[0].name]
        } else {
            throw ModelLoadingError(
                .unsupported, "the graph has \(outs.count) outputs; [label, scores] or [values] is supported", key: "output")
        }
        func rowsMatch(_ t: _ONNXTensor, _ rows: Int) -> Bool { t.rank >= 1 && t.shape[0] == rows }
        for (ctx, rows) in [(small, 2), (large, 5)] {
            let s = ctx.values[scoreSlot]
            guard s.type == .float || s.type == .double, rowsMatch(s, rows), s.rank <= 2 else {
                throw ModelLoadingError(
                    .unsupported, "output '\(names.last ?? "")' must be float [N, K] (got \(s.type) \(s.shape) for \(rows) rows)", key: "output")
            }
            if let labelSlot {
                let l = ctx.values[labelSlot]
                guard rowsMatch(l, rows), l.count == rows else {
                    throw ModelLoadingError(
                        .unsupported, "label output '\(names[0])' must have one value per row (got \(l.shape) for \(rows) rows)", key: "output")
                }
            }
        }
        let probeScores = small.values[scoreSlot]
        let width = probeScores.rank == 2 ? probeScores.shape[1] : 1
        guard width >= 1, large.values[scoreSlot].count == 5 * width else {
            throw ModelLoadingError(.unsupported, "the score width depends on the number of rows", key: "output")
        }
        try _LoadCost.checkOutputCount(width, fileSize: fileSize, key: "output")
        self.width = width
        if labelSlot != nil {
            if width == 1 {
                kind = .anomalyScore
                objective = "anomaly"
            } else {
                kind = width == 2 ? .binaryProbability : .multiclassProbabilities(classCount: width)
                objective = width == 2 ? "binary" : "multiclass"
            }
        } else {
            kind = .regressionValue
            objective = "regression"
        }
    }

    /// The same outputs in `plan`, a copy of the plan these were read from with copy steps
    /// removed: the slots follow the outputs' aliases.
    func following(_ plan: _ONNXPlan) -> _ONNXGraphOutputs {
        let outputSlot = { (name: String) in plan.outputs.first { $0.name == name }?.slot }
        var moved = self
        if let l = labelSlot { moved.labelSlot = outputSlot(names[0]) ?? l }
        moved.scoreSlot = outputSlot(names[names.count - 1]) ?? scoreSlot
        return moved
    }
}

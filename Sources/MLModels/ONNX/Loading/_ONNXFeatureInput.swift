/// The graph's one feature input: `float` (or `double`) of shape `[N, F]` with a fixed `F`.
struct _ONNXFeatureInput: Sendable {
    let name: String
    let slot: Int
    let type: _ONNXElementType
    let featureCount: Int

    /// Finds and checks the input of `plan` (from a file of `fileSize` bytes).
    /// - Throws: ``ModelLoadingError`` `.unsupported` for any other input signature, or a
    ///   feature count out of proportion to the file.
    init(_ plan: _ONNXPlan, fileSize: Int) throws {
        guard plan.inputs.count == 1, let input = plan.inputs.first else {
            throw ModelLoadingError(
                .unsupported, "the graph has \(plan.inputs.count) inputs; one feature matrix input is supported", key: "input")
        }
        let type = input.type ?? .float
        guard type == .float || type == .double else {
            throw ModelLoadingError(.unsupported, "input '\(input.name)' has type \(type); float or double is supported", key: "input")
        }
        guard let dims = input.dims, dims.count == 2, let features = dims[1], features > 0 else {
            throw ModelLoadingError(
                .unsupported, "input '\(input.name)' must have shape [N, F] with a fixed feature count F", key: "input")
        }
        try _LoadCost.checkFeatureCount(features, fileSize: fileSize, key: "input")
        name = input.name
        slot = input.slot
        self.type = type
        featureCount = features
    }

    /// Runs `plan` on `rows` rows of zeros. The load-time probe runs (2 and 5 rows) validate
    /// shapes and types end to end and show which values keep one row per input row.
    /// - Throws: ``ModelLoadingError`` naming the failing node.
    func probe(_ plan: _ONNXPlan, rows: Int) throws -> _ONNXRunContext {
        var context = plan.makeContext()
        do {
            var x = _ONNXTensor()
            try x.reset(type, shape: _ONNXShape(rows, featureCount))
            context.values[slot] = x
            try _ONNXTensor.$elementLimit.withValue(_ONNXTensor.probeElementLimit) { try plan.run(&context) }
        } catch let e as _ONNXError {
            throw ModelLoadingError(
                e.isUnsupported ? .unsupported : .inconsistent, "graph check on \(rows) probe rows failed: \(e.message)", node: e.nodeIndex)
        }
        return context
    }
}

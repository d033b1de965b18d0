/// One graph input as the model feeds it: `[N, width]` (or `[N]`, one column) of one element
/// type, taking `width` consecutive columns of the model's feature row from `offset`.
struct _ONNXInputColumn: Sendable {
    let name: String
    let slot: Int
    let type: _ONNXElementType
    let width: Int
    let offset: Int
    /// Declared as `[N]` rather than `[N, width]`.
    let isVector: Bool

    /// The tensor shape for `rows` rows.
    func shape(rows: Int) -> _ONNXShape { isVector ? _ONNXShape(rows) : _ONNXShape(rows, width) }
}

/// The graph's inputs, in declaration order: each `float`, `double`, `int64`, `int32` or
/// `string`, of shape `[N, k]` with a fixed `k` or `[N]`. The model's feature row is their
/// columns one after another (scikit-learn's column order for a `ColumnTransformer` exported
/// with one input per column group).
struct _ONNXGraphInputs: Sendable {
    let columns: [_ONNXInputColumn]
    /// Σ widths: the model's ``InputSchema/featureCount``.
    let featureCount: Int

    /// The only input when the graph has exactly one, of type float or double (the fast path).
    var single: _ONNXInputColumn? {
        guard columns.count == 1, let c = columns.first, c.type == .float || c.type == .double, !c.isVector else { return nil }
        return c
    }

    /// The first string input, if any (the float feature API cannot feed it).
    var firstStringInput: _ONNXInputColumn? { columns.first { $0.type == .string } }

    static let supportedTypes: [_ONNXElementType] = [.float, .double, .int64, .int32, .string]

    /// Finds and checks the inputs of `plan` (from a file of `fileSize` bytes).
    /// - Throws: ``ModelLoadingError`` `.unsupported` for another input signature, or a
    ///   feature count out of proportion to the file.
    init(_ plan: _ONNXPlan, fileSize: Int) throws {
        guard !plan.inputs.isEmpty else {
            throw ModelLoadingError(.unsupported, "the graph has no inputs", key: "input")
        }
        var list: [_ONNXInputColumn] = []
        var offset = 0
        for input in plan.inputs {
            let type = input.type ?? .float
            guard Self.supportedTypes.contains(type) else {
                throw ModelLoadingError(
                    .unsupported, "input '\(input.name)' has type \(type); float, double, int64, int32 or string is supported", key: "input")
            }
            let width: Int
            let isVector: Bool
            if let dims = input.dims, dims.count == 2, let k = dims[1], k > 0 {
                width = k
                isVector = false
            } else if let dims = input.dims, dims.count == 1 {
                width = 1
                isVector = true
            } else {
                throw ModelLoadingError(
                    .unsupported, "input '\(input.name)' must have shape [N, k] with a fixed k, or [N]", key: "input")
            }
            try _LoadCost.checkFeatureCount(offset + width, fileSize: fileSize, key: "input")
            list.append(_ONNXInputColumn(name: input.name, slot: input.slot, type: type, width: width, offset: offset, isVector: isVector))
            offset += width
        }
        columns = list
        featureCount = offset
    }

    /// Runs `plan` on `rows` rows of zeros (empty strings). The load-time probe runs (2 and 5
    /// rows) validate shapes and types end to end and show which values keep one row per
    /// input row; value checks that depend on the data (an unknown category) do not fail them.
    /// - Throws: ``ModelLoadingError`` naming the failing node.
    func probe(_ plan: _ONNXPlan, rows: Int) throws -> _ONNXRunContext {
        var context = plan.makeContext()
        do {
            for c in columns {
                var x = _ONNXTensor()
                try x.reset(c.type, shape: c.shape(rows: rows))
                context.values[c.slot] = x
            }
            try _ONNXTensor.$elementLimit.withValue(_ONNXTensor.probeElementLimit) {
                try _ONNXTensor.$isProbe.withValue(true) { try plan.run(&context) }
            }
        } catch let e as _ONNXError {
            throw ModelLoadingError(
                e.isUnsupported ? .unsupported : .inconsistent, "graph check on \(rows) probe rows failed: \(e.message)", node: e.nodeIndex)
        }
        return context
    }
}

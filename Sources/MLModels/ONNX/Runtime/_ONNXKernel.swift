/// One op implementation, built once per node at load time (attributes parsed and checked)
/// and run many times. Kernels are immutable and `Sendable`: a plan is shared by all callers.
///
/// Besides running, a kernel declares what load-time analysis needs to know about its op (row
/// independence, copies that can be dropped, class labels, tree engines); the defaults below
/// describe an op that keeps rows apart and defines nothing else, so most kernels only `run`.
protocol _ONNXKernel: Sendable {
    /// Reads the step's inputs from `context` and writes its outputs there.
    /// - Throws: ``_ONNXError`` for inputs of the wrong type, shape or value.
    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws

    /// Whether the op combines values of different rows when its first input `input` (from
    /// the load-time probe) holds one block per input row along `rowAxis`. Default: no.
    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool

    /// As ``mixesRows(of:rowAxis:)``, for ops whose answer depends on other inputs (a
    /// reduction's axes): `probe` holds every value of the load-time probe run. Default: the
    /// answer for the first input.
    func mixesRows(_ step: _ONNXStep, probe: _ONNXRunContext, rowAxis: Int) -> Bool

    /// Whether the op reads a statistic of its whole input (DynamicQuantizeLinear's range), so
    /// that any input-dependent input couples all rows. Default: no.
    var readsWholeInput: Bool { get }

    /// The slot whose value this step's single output always equals — the step only copies it
    /// and can be dropped — judged on the probe run; `nil` (the default) when it computes.
    /// - Parameter inputs: the step's input slots, already following earlier dropped copies.
    func copiedInput(_ inputs: [Int], output: _ONNXTensor, probe: _ONNXProbeValues) -> Int?

    /// The class labels, in score-column order, when the op defines them. Default: `nil`.
    var classLabels: _ClassLabels? { get }

    /// Size statistics when the op is a tree ensemble. Default: `nil`.
    var treeStatistics: _ONNXTreeStatistics? { get }

    /// A kernel prepared for the first input `input` seen in the load-time probe (tree
    /// ensembles move to the flat engine), or `nil` (the default) to keep this one.
    func specialized(forInput input: _ONNXTensor) -> (any _ONNXKernel)?

    /// A direct single-row scorer for a graph whose only step is `step` with this kernel,
    /// reading a float input of `featureCount` columns and writing `scoreSlot` (`width` values
    /// per row) and `labelSlot`; `nil` (the default) when the graph executor must run.
    func directScorer(_ step: _ONNXStep, featureCount: Int, labelSlot: Int?, scoreSlot: Int, width: Int) -> _ONNXDirectTreeScorer?
}

extension _ONNXKernel {
    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool { false }
    func mixesRows(_ step: _ONNXStep, probe: _ONNXRunContext, rowAxis: Int) -> Bool {
        guard let first = probe.input(step, 0) else { return true }
        return mixesRows(of: first, rowAxis: rowAxis)
    }
    var readsWholeInput: Bool { false }
    func copiedInput(_ inputs: [Int], output: _ONNXTensor, probe: _ONNXProbeValues) -> Int? { nil }
    var classLabels: _ClassLabels? { nil }
    var treeStatistics: _ONNXTreeStatistics? { nil }
    func specialized(forInput input: _ONNXTensor) -> (any _ONNXKernel)? { nil }
    func directScorer(_ step: _ONNXStep, featureCount: Int, labelSlot: Int?, scoreSlot: Int, width: Int) -> _ONNXDirectTreeScorer? {
        nil
    }
}

/// A node of the execution plan: its kernel and the value slots it reads and writes.
/// A class, so that handing a step to its kernel costs one retain.
final class _ONNXStep: Sendable {
    let kernel: any _ONNXKernel
    /// Value slots of the node's inputs; -1 for an omitted optional input.
    let inputs: [Int]
    /// Value slots of the node's outputs; -1 for an output nobody reads.
    let outputs: [Int]
    /// 0-based index of the node in the graph.
    let nodeIndex: Int
    /// `node 'name' (Op)` for messages.
    let label: String

    init(kernel: any _ONNXKernel, inputs: [Int], outputs: [Int], nodeIndex: Int, label: String) {
        self.kernel = kernel
        self.inputs = inputs
        self.outputs = outputs
        self.nodeIndex = nodeIndex
        self.label = label
    }
}

/// How a factory turns a node into a kernel.
typealias _ONNXKernelFactory = @Sendable (_ONNXNodeInfo) throws -> any _ONNXKernel

extension _ONNXTensor {
    /// Throws unless the tensor has one of `types`.
    @inline(__always)
    func require(_ types: _ONNXTypeSet, _ what: @autoclosure () -> String = "input") throws {
        guard types.contains(type) else {
            throw _ONNXError("\(what()) has type \(type), expected \(types.names)")
        }
    }
}

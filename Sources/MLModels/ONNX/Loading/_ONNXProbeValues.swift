/// Every value of the load-time probe run, with which slots hold constants: what kernels
/// judge load-time properties on (``_ONNXKernel/copiedInput(_:output:probe:)``).
struct _ONNXProbeValues {
    let context: _ONNXRunContext
    let constantSlots: Set<Int>

    /// The probe value of `slot`.
    func value(_ slot: Int) -> _ONNXTensor { context.values[slot] }

    /// Whether `slot` holds a constant (an initializer).
    func isConstant(_ slot: Int) -> Bool { constantSlots.contains(slot) }

    /// Whether `slot` is a constant one-element floating-point 1.
    func isConstantOne(_ slot: Int) -> Bool {
        guard isConstant(slot) else { return false }
        let t = value(slot)
        return t.count == 1 && t.rank <= 1 && t.type.isFloatingPoint && t.doubleValue(at: 0) == 1
    }
}

/// A loop over the elements of any element type. Swift closures cannot be generic, so the
/// data-movement kernels (Concat, Gather, ArrayFeatureExtractor, plain copies) write their
/// loop once as an `_ONNXElementMove` and ``_ONNXTensor/moveElements(from:_:)`` runs it on the
/// storage of the source's element type. The call is specialized per element type: no dynamic
/// dispatch inside the loop.
protocol _ONNXElementMove {
    /// Moves elements of `source` into `destination` (both of one element type).
    func move<T>(_ source: UnsafeBufferPointer<T>, into destination: UnsafeMutableBufferPointer<T>)
}

/// Element `i` of the source to element `i` of the destination, as far as both reach.
struct _ONNXElementCopy: _ONNXElementMove {
    @inline(__always)
    func move<T>(_ source: UnsafeBufferPointer<T>, into destination: UnsafeMutableBufferPointer<T>) {
        for i in 0..<min(source.count, destination.count) { destination[i] = source[i] }
    }
}

extension _ONNXTensor {
    /// Runs `body` on `source`'s elements and this tensor's storage, which already has
    /// `source`'s element type (see ``reset(_:shape:)``).
    @inline(__always)
    mutating func moveElements(from source: _ONNXTensor, _ body: some _ONNXElementMove) {
        switch source.storage {
        case .float(let a): Self.move(a, &f32, body)
        case .double(let a): Self.move(a, &f64, body)
        case .int64(let a): Self.move(a, &i64, body)
        case .int32(let a): Self.move(a, &i32, body)
        case .int8(let a): Self.move(a, &i8, body)
        case .uint8(let a): Self.move(a, &u8, body)
        case .bool(let a): Self.move(a, &bools, body)
        case .string(let a): Self.move(a, &strings, body)
        }
    }

    @inline(__always)
    private static func move<T>(_ source: [T], _ destination: inout [T], _ body: some _ONNXElementMove) {
        source.withUnsafeBufferPointer { s in
            destination.withUnsafeMutableBufferPointer { d in body.move(s, into: d) }
        }
    }
}

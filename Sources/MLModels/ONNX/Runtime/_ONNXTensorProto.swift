#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes `TensorProto` messages (initializers, tensor attributes) into ``_ONNXTensor``.
///
/// Checks: supported data type, non-negative dims whose product fits, exactly that many
/// elements in the typed field or in `raw_data` (little-endian), no external data or segments.
/// Every element comes from the file, so a tensor is never larger than the file that holds it.
enum _ONNXTensorProto {
    static func decode(_ proto: Onnx_TensorProto, what: String) throws -> _ONNXTensor {
        if proto.hasDataLocation && proto.dataLocation == .external || !proto.externalData.isEmpty {
            throw _ONNXError("\(what) keeps its data in an external file, which is not supported", unsupported: true)
        }
        if proto.hasSegment {
            throw _ONNXError("\(what) is a segment of a larger tensor, which is not supported", unsupported: true)
        }
        let code = Int(proto.dataType)
        guard let type = _ONNXElementType(code: code) else {
            throw _ONNXError(
                "\(what) has data type \(_ONNXElementType.name(ofCode: code)), which is not supported", unsupported: true)
        }
        var dims: [Int] = []
        for d in proto.dims {
            guard d >= 0, d <= Int64(_ONNXTensor.maximumElementCount) else {
                throw _ONNXError("\(what) has dimension \(d) in dims \(proto.dims)")
            }
            dims.append(Int(d))
        }
        let shape = try _ONNXShape(dims)
        let n = try shape.elementCount()
        var tensor = _ONNXTensor(type: type, shape: shape)
        let raw = proto.hasRawData ? proto.rawData : Data()
        func mismatch(_ got: Int) -> _ONNXError {
            _ONNXError("\(what) has shape \(shape) (\(n) elements) but holds \(got) \(type) values")
        }
        if !raw.isEmpty || (proto.hasRawData && n == 0) {
            if type == .string { throw _ONNXError("\(what): string tensors cannot use raw_data") }
            let width = byteWidth(type)
            guard raw.count == n * width else { throw mismatch(raw.count / max(width, 1)) }
            let bytes = [UInt8](raw)
            switch type {
            case .float: tensor.f32 = littleEndian(bytes, n) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
            case .double: tensor.f64 = littleEndian(bytes, n) { Double(bitPattern: $0) }
            case .int64: tensor.i64 = littleEndian(bytes, n) { Int64(bitPattern: $0) }
            case .int32: tensor.i32 = littleEndian(bytes, n) { Int32(truncatingIfNeeded: Int64(bitPattern: $0)) }
            case .int8: tensor.i8 = bytes.map { Int8(bitPattern: $0) }
            case .uint8: tensor.u8 = bytes
            case .bool: tensor.bools = bytes.map { $0 != 0 }
            case .string: break
            }
            return tensor
        }
        /// The typed field's values, which must be exactly `n`.
        func exactly<T>(_ values: [T]) throws -> [T] {
            guard values.count == n else { throw mismatch(values.count) }
            return values
        }
        switch type {
        case .float: tensor.f32 = try exactly(proto.floatData)
        case .double: tensor.f64 = try exactly(proto.doubleData)
        case .int64: tensor.i64 = try exactly(proto.int64Data)
        case .int32: tensor.i32 = try exactly(proto.int32Data)
        case .int8: tensor.i8 = try exactly(proto.int32Data).map { Int8(truncatingIfNeeded: $0) }
        case .uint8: tensor.u8 = try exactly(proto.int32Data).map { UInt8(truncatingIfNeeded: $0) }
        case .bool: tensor.bools = try exactly(proto.int32Data).map { $0 != 0 }
        case .string: tensor.strings = try exactly(proto.stringData).map { String(decoding: $0, as: UTF8.self) }
        }
        return tensor
    }

    static func byteWidth(_ type: _ONNXElementType) -> Int {
        switch type {
        case .float, .int32: return 4
        case .double, .int64: return 8
        case .int8, .uint8, .bool: return 1
        case .string: return 0
        }
    }

    /// Reads `n` little-endian values of `MemoryLayout<T>.size` bytes (4 or 8) from `bytes`.
    private static func littleEndian<T>(_ bytes: [UInt8], _ n: Int, _ make: (UInt64) -> T) -> [T] {
        let width = bytes.count / max(n, 1)
        var out: [T] = []
        out.reserveCapacity(n)
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<n {
                var v: UInt64 = 0
                for k in 0..<width { v |= UInt64(b[i * width + k]) << (8 * UInt64(k)) }
                out.append(make(v))
            }
        }
        return out
    }
}

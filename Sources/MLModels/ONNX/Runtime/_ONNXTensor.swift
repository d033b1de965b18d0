/// Element types the ONNX executor handles, with their `TensorProto.DataType` codes.
enum _ONNXElementType: Int, Sendable, Equatable, CustomStringConvertible {
    case float = 1
    case uint8 = 2
    case int8 = 3
    case int32 = 6
    case int64 = 7
    case string = 8
    case bool = 9
    case double = 11

    /// The type for an ONNX `TensorProto.DataType` code, or `nil` when unsupported.
    init?(code: Int) {
        self.init(rawValue: code)
    }

    var description: String {
        switch self {
        case .float: return "float"
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .int32: return "int32"
        case .int64: return "int64"
        case .string: return "string"
        case .bool: return "bool"
        case .double: return "double"
        }
    }

    /// The name of an ONNX data-type code, also for codes this executor does not support.
    static func name(ofCode code: Int) -> String {
        let names = [
            0: "undefined", 1: "float", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
            8: "string", 9: "bool", 10: "float16", 11: "double", 12: "uint32", 13: "uint64", 14: "complex64",
            15: "complex128", 16: "bfloat16",
        ]
        return names[code] ?? "type \(code)"
    }

    var isFloatingPoint: Bool { self == .float || self == .double }
    var bit: UInt16 { 1 << UInt16(rawValue) }
    var isInteger: Bool { self == .int64 || self == .int32 || self == .int8 || self == .uint8 }
    var isNumeric: Bool { isFloatingPoint || isInteger }
}

/// A set of element types, for kernels' type checks (no allocation, unlike an array).
struct _ONNXTypeSet: OptionSet, Sendable {
    let rawValue: UInt16

    static let float = _ONNXTypeSet(rawValue: _ONNXElementType.float.bit)
    static let double = _ONNXTypeSet(rawValue: _ONNXElementType.double.bit)
    static let int64 = _ONNXTypeSet(rawValue: _ONNXElementType.int64.bit)
    static let int32 = _ONNXTypeSet(rawValue: _ONNXElementType.int32.bit)
    static let int8 = _ONNXTypeSet(rawValue: _ONNXElementType.int8.bit)
    static let uint8 = _ONNXTypeSet(rawValue: _ONNXElementType.uint8.bit)
    static let bool = _ONNXTypeSet(rawValue: _ONNXElementType.bool.bit)
    static let string = _ONNXTypeSet(rawValue: _ONNXElementType.string.bit)
    static let floating: _ONNXTypeSet = [.float, .double]
    static let indices: _ONNXTypeSet = [.int64, .int32]
    /// float, double, int64, int32: the types of the arithmetic ops.
    static let arithmetic: _ONNXTypeSet = [.float, .double, .int64, .int32]
    static let all: _ONNXTypeSet = [.float, .double, .int64, .int32, .int8, .uint8, .bool, .string]

    func contains(_ type: _ONNXElementType) -> Bool { rawValue & type.bit != 0 }

    var names: String {
        let order: [_ONNXElementType] = [.float, .double, .int64, .int32, .int8, .uint8, .bool, .string]
        return order.filter { contains($0) }.map(\.description).joined(separator: " or ")
    }
}

/// A dense, row-major tensor of one element type: the values flowing through an ONNX graph.
///
/// One array per element type, only the one matching `type` in use. Kernels reuse a
/// tensor's storage from run to run (``reset(_:shape:)`` keeps capacity), so a prepared
/// workspace scores a row without heap allocation once it has seen that shape.
struct _ONNXTensor: Sendable {
    /// Largest element count one tensor may hold; larger shapes are refused (a hostile
    /// graph could otherwise ask for terabytes through broadcasting or reshaping).
    static let maximumElementCount = 1 << 30

    var type: _ONNXElementType
    var shape: _ONNXShape
    var f32: [Float] = []
    var f64: [Double] = []
    var i64: [Int64] = []
    var i32: [Int32] = []
    var i8: [Int8] = []
    var u8: [UInt8] = []
    var bools: [Bool] = []
    var strings: [String] = []

    init(type: _ONNXElementType = .float, shape: _ONNXShape = _ONNXShape()) {
        self.type = type
        self.shape = shape
    }

    init(floats: [Float], shape: _ONNXShape) {
        self.init(type: .float, shape: shape)
        f32 = floats
    }

    init(doubles: [Double], shape: _ONNXShape) {
        self.init(type: .double, shape: shape)
        f64 = doubles
    }

    init(int64s: [Int64], shape: _ONNXShape) {
        self.init(type: .int64, shape: shape)
        i64 = int64s
    }

    init(int32s: [Int32], shape: _ONNXShape) {
        self.init(type: .int32, shape: shape)
        i32 = int32s
    }

    init(strings values: [String], shape: _ONNXShape) {
        self.init(type: .string, shape: shape)
        strings = values
    }

    init(bools values: [Bool], shape: _ONNXShape) {
        self.init(type: .bool, shape: shape)
        bools = values
    }

    init(uint8s values: [UInt8], shape: _ONNXShape) {
        self.init(type: .uint8, shape: shape)
        u8 = values
    }

    init(int8s values: [Int8], shape: _ONNXShape) {
        self.init(type: .int8, shape: shape)
        i8 = values
    }

    var rank: Int { shape.rank }

    /// Number of elements (product of the shape; 1 for a scalar).
    var count: Int {
        switch type {
        case .float: return f32.count
        case .double: return f64.count
        case .int64: return i64.count
        case .int32: return i32.count
        case .int8: return i8.count
        case .uint8: return u8.count
        case .bool: return bools.count
        case .string: return strings.count
        }
    }

    /// Makes this tensor a `type` tensor of `shape`, keeping the storage's capacity.
    /// Element values are unspecified afterwards (old values or zero); callers overwrite all.
    mutating func reset(_ type: _ONNXElementType, shape newShape: _ONNXShape) throws {
        let n = try newShape.elementCount()
        self.type = type
        shape = newShape
        switch type {
        case .float: Self.resize(&f32, n, 0)
        case .double: Self.resize(&f64, n, 0)
        case .int64: Self.resize(&i64, n, 0)
        case .int32: Self.resize(&i32, n, 0)
        case .int8: Self.resize(&i8, n, 0)
        case .uint8: Self.resize(&u8, n, 0)
        case .bool: Self.resize(&bools, n, false)
        case .string: Self.resize(&strings, n, "")
        }
    }

    @inline(__always)
    private static func resize<T>(_ array: inout [T], _ n: Int, _ zero: T) {
        let c = array.count
        if c > n {
            array.removeLast(c - n)
        } else if c < n {
            array.append(contentsOf: repeatElement(zero, count: n - c))
        }
    }

    /// Copies `other` (type, shape and elements) into this tensor's storage.
    mutating func assign(_ other: _ONNXTensor) throws {
        try reset(other.type, shape: other.shape)
        switch other.type {
        case .float: Self.copy(other.f32, &f32)
        case .double: Self.copy(other.f64, &f64)
        case .int64: Self.copy(other.i64, &i64)
        case .int32: Self.copy(other.i32, &i32)
        case .int8: Self.copy(other.i8, &i8)
        case .uint8: Self.copy(other.u8, &u8)
        case .bool: Self.copy(other.bools, &bools)
        case .string: Self.copy(other.strings, &strings)
        }
    }

    @inline(__always)
    private static func copy<T>(_ from: [T], _ to: inout [T]) {
        to.withUnsafeMutableBufferPointer { dst in
            from.withUnsafeBufferPointer { src in
                for i in 0..<min(src.count, dst.count) { dst[i] = src[i] }
            }
        }
    }

    /// The element at flat index `i` as a `Double` (numeric and bool tensors), for scalars
    /// read by kernels (scales, zero points, shapes).
    func doubleValue(at i: Int) -> Double? {
        guard i >= 0, i < count else { return nil }
        switch type {
        case .float: return Double(f32[i])
        case .double: return f64[i]
        case .int64: return Double(i64[i])
        case .int32: return Double(i32[i])
        case .int8: return Double(i8[i])
        case .uint8: return Double(u8[i])
        case .bool: return bools[i] ? 1 : 0
        case .string: return nil
        }
    }

    /// The elements of an integer tensor as `Int64` (shape and index inputs).
    func integerValues() -> [Int64]? {
        switch type {
        case .int64: return i64
        case .int32: return i32.map { Int64($0) }
        case .int8: return i8.map { Int64($0) }
        case .uint8: return u8.map { Int64($0) }
        default: return nil
        }
    }
}

/// A failure inside the executor (bad shapes, types or indices met while running a node).
/// The plan wraps it into ``ModelLoadingError`` (at load) or ``ScoringError`` (at predict),
/// naming the node and op.
struct _ONNXError: Error, Sendable, CustomStringConvertible {
    let message: String
    /// True when the problem is an unsupported feature rather than a malformed graph.
    var isUnsupported = false
    /// The graph node at fault (0-based), when known.
    var nodeIndex: Int?

    init(_ message: String, unsupported: Bool = false, nodeIndex: Int? = nil) {
        self.message = message
        self.isUnsupported = unsupported
        self.nodeIndex = nodeIndex
    }

    var description: String { message }
}

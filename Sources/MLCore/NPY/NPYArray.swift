/// An n-dimensional array as stored in a NumPy `.npy` file: an element type, a shape and
/// typed, C-order (row-major) storage.
///
/// Read one with ``init(contentsOfFile:)`` or ``init(npyBytes:)``; write one with
/// ``write(toFile:)`` or ``npyBytes()``; convert to a ``Matrix`` with
/// ``Matrix/init(_:)-(NPYArray)``. Element `(i, j)` of a 2-D array lives at
/// `i * shape[1] + j`.
///
/// **Shapes.** Any rank from 0 (a scalar, `shape == []`, one element) to 64 (NumPy's limit)
/// is read and written; a ``Matrix`` takes ranks 0 to 2. Dimensions may be 0 (an empty
/// array).
///
/// ```swift
/// let x = try NPYArray(contentsOfFile: "X.npy")          // e.g. float32, shape [1000, 20]
/// let m = try Matrix<Float>(x)                            // 1000 × 20, no copy for float32
/// try NPYArray(try Matrix<Double>([[1, 2], [3, 4]])).write(toFile: "a.npy")
/// ```
public struct NPYArray: Sendable, Equatable {
    /// The elements, typed by the file's dtype, in C order.
    public enum Storage: Sendable, Equatable {
        case float32([Float])
        case float64([Double])
        case int32([Int32])
        case int64([Int64])
        case uint8([UInt8])
        case int8([Int8])
        case bool([Bool])

        /// The element type of this storage.
        public var dataType: NPYDataType {
            switch self {
            case .float32: return .float32
            case .float64: return .float64
            case .int32: return .int32
            case .int64: return .int64
            case .uint8: return .uint8
            case .int8: return .int8
            case .bool: return .bool
            }
        }

        /// The number of elements.
        public var count: Int {
            switch self {
            case .float32(let v): return v.count
            case .float64(let v): return v.count
            case .int32(let v): return v.count
            case .int64(let v): return v.count
            case .uint8(let v): return v.count
            case .int8(let v): return v.count
            case .bool(let v): return v.count
            }
        }
    }

    /// The dimensions, outermost first (`[]` for a 0-d scalar, `[n]` for a vector,
    /// `[rows, columns]` for a matrix).
    public let shape: [Int]
    /// The typed elements in C order; `storage.count` is the product of `shape`.
    public let storage: Storage

    /// The element type.
    public var dataType: NPYDataType { storage.dataType }

    /// The number of elements (the product of `shape`; 1 for a 0-d array).
    public var count: Int { storage.count }

    /// Creates an array from a shape and C-order storage.
    /// - Throws: ``DataFormatError`` with code `.schema` when a dimension is negative, the
    ///   rank exceeds 64, or the product of `shape` differs from the number of elements.
    public init(shape: [Int], storage: Storage) throws {
        guard shape.count <= _NPYHeader.maximumRank else {
            throw DataFormatError(.schema, "rank \(shape.count) exceeds NumPy's 64 dimensions", field: "shape")
        }
        if let negative = shape.first(where: { $0 < 0 }) {
            throw DataFormatError(.schema, "shape has a negative dimension \(negative)", field: "shape")
        }
        let expected = try _NPYHeader.sizes(shape: shape, dataType: storage.dataType).count
        guard expected == storage.count else {
            throw DataFormatError(
                .schema, "shape \(_NPYHeader.describe(shape)) needs \(expected) elements, got \(storage.count)",
                field: "shape")
        }
        self.shape = shape
        self.storage = storage
    }

    /// For shapes our own code has already validated.
    init(validatedShape shape: [Int], storage: Storage) {
        self.shape = shape
        self.storage = storage
    }

    /// A 1-D `float32` array (`shape == [values.count]`).
    public init(_ values: [Float]) { self.init(validatedShape: [values.count], storage: .float32(values)) }
    /// A 1-D `float64` array.
    public init(_ values: [Double]) { self.init(validatedShape: [values.count], storage: .float64(values)) }
    /// A 1-D `int32` array.
    public init(_ values: [Int32]) { self.init(validatedShape: [values.count], storage: .int32(values)) }
    /// A 1-D `int64` array.
    public init(_ values: [Int64]) { self.init(validatedShape: [values.count], storage: .int64(values)) }
    /// A 1-D `int64` array from `Int`s (64-bit on every supported platform).
    public init(_ values: [Int]) { self.init(values.map { Int64($0) }) }
    /// A 1-D `uint8` array.
    public init(_ values: [UInt8]) { self.init(validatedShape: [values.count], storage: .uint8(values)) }
    /// A 1-D `int8` array.
    public init(_ values: [Int8]) { self.init(validatedShape: [values.count], storage: .int8(values)) }
    /// A 1-D `bool` array.
    public init(_ values: [Bool]) { self.init(validatedShape: [values.count], storage: .bool(values)) }

    /// A 2-D array with the matrix's shape and elements (`float32` or `float64`, matching
    /// `Scalar`). The storage is shared with the matrix, not copied.
    public init<Scalar: MatrixScalar>(_ matrix: Matrix<Scalar>) {
        let storage: Storage
        if let floats = _sameTypeArray(matrix.elements, as: Float.self) {
            storage = .float32(floats)
        } else if let doubles = _sameTypeArray(matrix.elements, as: Double.self) {
            storage = .float64(doubles)
        } else {
            storage = .float64(matrix.elements.map { Double($0) })
        }
        self.init(validatedShape: [matrix.rows, matrix.columns], storage: storage)
    }

    /// The elements converted to `Double` (exact for every dtype except `int64` values beyond
    /// ±2⁵³, which round to nearest; `bool` gives 0 or 1).
    public func doubles() -> [Double] {
        switch storage {
        case .float32(let v): return v.map { Double($0) }
        case .float64(let v): return v
        case .int32(let v): return v.map { Double($0) }
        case .int64(let v): return v.map { Double($0) }
        case .uint8(let v): return v.map { Double($0) }
        case .int8(let v): return v.map { Double($0) }
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        }
    }

    /// The elements converted to `Float` (`float64` values round to nearest and may overflow
    /// to ±∞; integers beyond ±2²⁴ round to nearest; `bool` gives 0 or 1).
    public func floats() -> [Float] {
        switch storage {
        case .float32(let v): return v
        case .float64(let v): return v.map { Float($0) }
        case .int32(let v): return v.map { Float($0) }
        case .int64(let v): return v.map { Float($0) }
        case .uint8(let v): return v.map { Float($0) }
        case .int8(let v): return v.map { Float($0) }
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        }
    }

    /// The elements of an integer or `bool` array as `Int` (`bool` gives 0 or 1).
    /// - Throws: ``DataFormatError`` with code `.typeMismatch` for `float32`/`float64` arrays
    ///   (convert explicitly with ``doubles()`` if truncation is meant).
    public func integers() throws -> [Int] {
        switch storage {
        case .int32(let v): return v.map { Int($0) }
        case .int64(let v): return v.map { Int($0) }
        case .uint8(let v): return v.map { Int($0) }
        case .int8(let v): return v.map { Int($0) }
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        case .float32, .float64:
            throw DataFormatError(
                .typeMismatch, "array has dtype \(dataType.descriptor), not an integer type", field: "descr")
        }
    }
}

/// `array` reinterpreted as `[T]` when `Element` is `T` (O(1), shares storage), else `nil`.
@inline(__always)
func _sameTypeArray<Element, T>(_ array: [Element], as _: T.Type) -> [T]? {
    // Safe: the bit cast only happens when the two types are identical.
    Element.self == T.self ? unsafeBitCast(array, to: [T].self) : nil
}

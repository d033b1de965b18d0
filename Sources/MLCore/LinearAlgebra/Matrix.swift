/// A dense, row-major matrix of `Float` or `Double`, stored contiguously.
///
/// Element `(i, j)` lives at `elements[i * columns + j]`. A matrix is a value: copies share
/// storage until one is mutated (copy-on-write through `Array`). Shapes from outside data
/// are checked by the throwing initializers; products, solves and factorizations check
/// their operands and throw ``LinearAlgebraError`` instead of trapping.
///
/// ```swift
/// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [4, 1, 1, 3])
/// let x = try a.solve(Matrix(rows: 2, columns: 1, elements: [1, 2]))
/// ```
public struct Matrix<Scalar: MatrixScalar>: Sendable, Equatable {
    /// Number of rows (≥ 0).
    public let rows: Int
    /// Number of columns (≥ 0).
    public let columns: Int
    /// The elements in row-major order; `count == rows * columns`.
    public private(set) var elements: [Scalar]

    /// Creates a matrix from row-major elements.
    /// - Throws: ``LinearAlgebraError/Code/invalidArgument`` for a negative or overflowing
    ///   shape, ``LinearAlgebraError/Code/shapeMismatch`` when `elements.count != rows * columns`.
    public init(rows: Int, columns: Int, elements: [Scalar]) throws {
        let count = try Self.checkedCount(rows: rows, columns: columns)
        guard elements.count == count else {
            throw LinearAlgebraError(
                .shapeMismatch, "\(rows)×\(columns) matrix needs \(count) elements, got \(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Creates a `rows × columns` matrix with every element equal to `value`.
    /// - Throws: ``LinearAlgebraError/Code/invalidArgument`` for a negative or overflowing shape.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) throws {
        let count = try Self.checkedCount(rows: rows, columns: columns)
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: count)
    }

    /// Creates a matrix from an array of rows, which must all have the same length.
    /// - Throws: ``LinearAlgebraError/Code/shapeMismatch`` for ragged rows.
    public init(_ rowArrays: [[Scalar]]) throws {
        let width = rowArrays.first?.count ?? 0
        var flat: [Scalar] = []
        flat.reserveCapacity(rowArrays.count * width)
        for (index, row) in rowArrays.enumerated() {
            guard row.count == width else {
                throw LinearAlgebraError(
                    .shapeMismatch, "row \(index) has \(row.count) elements, row 0 has \(width)")
            }
            flat.append(contentsOf: row)
        }
        try self.init(rows: rowArrays.count, columns: width, elements: flat)
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) throws -> Matrix {
        var m = try Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i * n + i] = 1 }
        return m
    }

    /// Internal initializer for shapes our own code has already validated.
    init(uncheckedRows rows: Int, columns: Int, elements: [Scalar]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns, "internal shape error")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    static func checkedCount(rows: Int, columns: Int) throws -> Int {
        guard rows >= 0, columns >= 0 else {
            throw LinearAlgebraError(.invalidArgument, "negative shape \(rows)×\(columns)")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else {
            throw LinearAlgebraError(.invalidArgument, "shape \(rows)×\(columns) overflows")
        }
        return count
    }

    /// `(rows, columns)`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// Whether the matrix has no elements.
    public var isEmpty: Bool { elements.isEmpty }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// The element at row `i`, column `j` (0-based). Out-of-range indices are a programmer
    /// error and trap; validate indices from outside data first.
    public subscript(i: Int, j: Int) -> Scalar {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) out of \(rows)×\(columns)")
            return elements[i * columns + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) out of \(rows)×\(columns)")
            elements[i * columns + j] = newValue
        }
    }

    /// Row `i` as a slice of the storage (no copy). Traps if `i` is out of range.
    public func row(_ i: Int) -> ArraySlice<Scalar> {
        precondition(i >= 0 && i < rows, "row \(i) out of \(rows)")
        return elements[(i * columns)..<((i + 1) * columns)]
    }

    /// Column `j` as a new array (columns are strided, so this copies). Traps if `j` is out of range.
    public func column(_ j: Int) -> [Scalar] {
        precondition(j >= 0 && j < columns, "column \(j) out of \(columns)")
        var out = [Scalar](repeating: 0, count: rows)
        elements.withUnsafeBufferPointer { src in
            for i in 0..<rows { out[i] = src[i * columns + j] }
        }
        return out
    }

    /// The rows `range` as a new matrix (one contiguous copy).
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) out of \(rows)")
        return Matrix(
            uncheckedRows: range.count, columns: columns,
            elements: Array(elements[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The matrix made of the given columns, in the given order.
    /// - Throws: ``LinearAlgebraError/Code/invalidArgument`` when an index is out of range.
    public func selectingColumns(_ indices: [Int]) throws -> Matrix {
        for j in indices where j < 0 || j >= columns {
            throw LinearAlgebraError(.invalidArgument, "column \(j) out of range 0..<\(columns)")
        }
        var out = [Scalar](repeating: 0, count: rows * indices.count)
        elements.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var k = 0
                for i in 0..<rows {
                    let base = i * columns
                    for j in indices {
                        dst[k] = src[base + j]
                        k += 1
                    }
                }
            }
        }
        return Matrix(uncheckedRows: rows, columns: indices.count, elements: out)
    }

    /// Calls `body` with the row-major storage.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try elements.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with mutable row-major storage (shape cannot change).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try elements.withUnsafeMutableBufferPointer(body)
    }

    /// The transpose, `columns × rows`.
    public func transposed() -> Matrix {
        var out = [Scalar](repeating: 0, count: elements.count)
        let r = rows
        let c = columns
        elements.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                // Blocked so both source and destination stay in cache for large matrices.
                let block = 32
                var i0 = 0
                while i0 < r {
                    let i1 = Swift.min(i0 + block, r)
                    var j0 = 0
                    while j0 < c {
                        let j1 = Swift.min(j0 + block, c)
                        for i in i0..<i1 {
                            for j in j0..<j1 { dst[j * r + i] = src[i * c + j] }
                        }
                        j0 = j1
                    }
                    i0 = i1
                }
            }
        }
        return Matrix(uncheckedRows: c, columns: r, elements: out)
    }

    /// The same elements as a matrix of another precision (`Float` ↔ `Double`), rounding to nearest.
    public func converted<Other: MatrixScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(uncheckedRows: rows, columns: columns, elements: elements.map { Other($0) })
    }

    /// Whether every element is finite (no NaN, no ±∞).
    public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        var lines: [String] = []
        for i in 0..<Swift.min(rows, 8) {
            let values = row(i).prefix(8).map { "\($0)" }.joined(separator: ", ")
            lines.append("  [" + values + (columns > 8 ? ", …" : "") + "]")
        }
        if rows > 8 { lines.append("  …") }
        return "Matrix<\(Scalar.self)>(\(rows)×\(columns))\n" + lines.joined(separator: "\n")
    }
}

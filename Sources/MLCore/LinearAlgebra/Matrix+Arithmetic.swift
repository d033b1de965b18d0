/// Element-wise arithmetic. Matrix–matrix operations require equal shapes and throw
/// ``LinearAlgebraError/Code/shapeMismatch`` otherwise; NaN propagates as IEEE 754 says.
extension Matrix {
    private func zipped(_ other: Matrix, _ name: String, _ op: (Scalar, Scalar) -> Scalar) throws -> Matrix {
        guard rows == other.rows, columns == other.columns else {
            throw LinearAlgebraError(
                .shapeMismatch, "\(name): \(rows)×\(columns) and \(other.rows)×\(other.columns) differ")
        }
        var out = [Scalar](repeating: 0, count: elements.count)
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    for k in 0..<c.count { c[k] = op(a[k], b[k]) }
                }
            }
        }
        return Matrix(uncheckedRows: rows, columns: columns, elements: out)
    }

    private func mapped(_ op: (Scalar) -> Scalar) -> Matrix {
        var out = elements
        out.withUnsafeMutableBufferPointer { c in
            for k in 0..<c.count { c[k] = op(c[k]) }
        }
        return Matrix(uncheckedRows: rows, columns: columns, elements: out)
    }

    /// Element-wise sum. Throws on a shape mismatch.
    public static func + (lhs: Matrix, rhs: Matrix) throws -> Matrix { try lhs.zipped(rhs, "+", +) }
    /// Element-wise difference. Throws on a shape mismatch.
    public static func - (lhs: Matrix, rhs: Matrix) throws -> Matrix { try lhs.zipped(rhs, "-", -) }
    /// Element-wise (Hadamard) product. Throws on a shape mismatch.
    public func multipliedElementwise(by other: Matrix) throws -> Matrix { try zipped(other, "⊙", *) }
    /// Element-wise quotient (IEEE division: x/0 is ±∞ or NaN). Throws on a shape mismatch.
    public func dividedElementwise(by other: Matrix) throws -> Matrix { try zipped(other, "⊘", /) }

    /// Every element plus a scalar.
    public static func + (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.mapped { $0 + rhs } }
    /// Every element minus a scalar.
    public static func - (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.mapped { $0 - rhs } }
    /// Every element times a scalar.
    public static func * (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.mapped { $0 * rhs } }
    /// A scalar times every element.
    public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.mapped { lhs * $0 } }
    /// Every element divided by a scalar.
    public static func / (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.mapped { $0 / rhs } }
    /// Every element negated.
    public static prefix func - (operand: Matrix) -> Matrix { operand.mapped { -$0 } }

    /// The matrix with `transform` applied to every element.
    public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
        Matrix(uncheckedRows: rows, columns: columns, elements: try elements.map(transform))
    }

    /// Whether every element of `self` and `other` is within `absolute + relative·|other|`
    /// (NaN matches NaN). Shapes must agree, otherwise `false`.
    public func isApproximatelyEqual(to other: Matrix, absolute: Scalar = 0, relative: Scalar = 0) -> Bool {
        guard rows == other.rows, columns == other.columns else { return false }
        for k in 0..<elements.count {
            let a = elements[k]
            let b = other.elements[k]
            if a.isNaN || b.isNaN {
                if a.isNaN != b.isNaN { return false }
                continue
            }
            if a == b { continue }
            if !(abs(a - b) <= absolute + relative * abs(b)) { return false }
        }
        return true
    }
}

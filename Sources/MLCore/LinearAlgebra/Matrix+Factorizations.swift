/// A Cholesky factorization `A = L·Lᵀ` of a symmetric positive-definite matrix.
public struct CholeskyFactorization<Scalar: MatrixScalar>: Sendable {
    /// The lower-triangular factor `L` (upper triangle zero), `n × n`.
    public let lower: Matrix<Scalar>

    /// Solves `A·X = B` with the factor (LAPACK potrs).
    /// - Parameter b: `n × k` right-hand sides.
    /// - Throws: ``LinearAlgebraError/Code/shapeMismatch`` when `b.rows != n`.
    public func solve(_ b: Matrix<Scalar>) throws -> Matrix<Scalar> {
        let n = lower.rows
        guard b.rows == n else {
            throw LinearAlgebraError(.shapeMismatch, "cholesky solve: A is \(n)×\(n), B has \(b.rows) rows")
        }
        if n == 0 || b.columns == 0 { return b }
        let n32 = try BLAS.int32(n, "n"), k32 = try BLAS.int32(b.columns, "nrhs")
        var x = b
        let info = lower.withUnsafeBufferPointer { pl in
            x.withUnsafeMutableBufferPointer { px in
                Scalar._potrs(n32, k32, pl.baseAddress!, px.baseAddress!, k32)  // safe: n > 0 and k > 0 checked above
            }
        }
        try LAPACKInfo.check(info, "potrs")
        return x
    }
}

/// A thin singular value decomposition `A = U·diag(s)·Vᵀ` of an `m × n` matrix, `r = min(m, n)`.
public struct SingularValueDecomposition<Scalar: MatrixScalar>: Sendable {
    /// Left singular vectors, `m × r`, orthonormal columns.
    public let u: Matrix<Scalar>
    /// Singular values, `r` of them, non-negative, in descending order.
    public let singularValues: [Scalar]
    /// Right singular vectors transposed, `r × n`, orthonormal rows.
    public let vt: Matrix<Scalar>

    /// `U·diag(s)·Vᵀ`, which reproduces the factored matrix up to rounding.
    public func reconstructed() throws -> Matrix<Scalar> {
        var us = u
        let r = singularValues.count
        us.withUnsafeMutableBufferPointer { p in
            for i in 0..<u.rows {
                for j in 0..<r { p[i * r + j] *= singularValues[j] }
            }
        }
        return try us.multiplied(by: vt)
    }
}

/// The eigendecomposition `A = V·diag(λ)·Vᵀ` of a symmetric matrix.
public struct SymmetricEigendecomposition<Scalar: MatrixScalar>: Sendable {
    /// Eigenvalues in ascending order (as NumPy's `eigh`).
    public let eigenvalues: [Scalar]
    /// Orthonormal eigenvectors as columns, `n × n`; column `j` belongs to `eigenvalues[j]`.
    /// Each vector's sign is as LAPACK returns it (eigenvectors are defined up to sign).
    public let eigenvectors: Matrix<Scalar>
}

enum LAPACKInfo {
    static func check(_ info: Int32, _ routine: String) throws {
        if info < 0 {
            throw LinearAlgebraError(.invalidArgument, "\(routine): argument \(-info) is invalid")
        }
        if info > 0 {
            throw LinearAlgebraError(.noConvergence, "\(routine): failed with info = \(info)")
        }
    }
}

/// LAPACK-backed solves and factorizations. Each works on a copy (the receiver is never
/// changed) and turns LAPACK's `info` into a ``LinearAlgebraError``.
extension Matrix {
    private func requireSquare(_ what: String) throws -> Int32 {
        guard rows == columns else {
            throw LinearAlgebraError(.shapeMismatch, "\(what) needs a square matrix, got \(rows)×\(columns)")
        }
        return try BLAS.int32(rows, "n")
    }

    private func requireFinite(_ what: String) throws {
        guard isFinite else {
            throw LinearAlgebraError(.nonFinite, "\(what): the matrix holds NaN or infinity")
        }
    }

    /// LU-factors a copy; throws ``LinearAlgebraError/Code/singular`` when a pivot is zero or the
    /// reciprocal condition number (1-norm) is below the type's machine epsilon, i.e. the matrix
    /// is singular to working precision (NumPy only catches exact zero pivots; we refuse both).
    private func luFactorized(_ what: String) throws -> (lu: [Scalar], pivots: [Int32]) {
        let n = try requireSquare(what)
        try requireFinite(what)
        var lu = elements
        var pivots = [Int32](repeating: 0, count: rows)
        let anorm = lu.withUnsafeBufferPointer { Scalar._norm1(n, n, $0.baseAddress!) }  // safe: n > 0 (callers)
        let info = lu.withUnsafeMutableBufferPointer { pa in
            pivots.withUnsafeMutableBufferPointer { pp in Scalar._getrf(n, pa.baseAddress!, pp.baseAddress!) }  // safe: n > 0
        }
        if info > 0 {
            throw LinearAlgebraError(.singular, "\(what): matrix is singular (U[\(info - 1), \(info - 1)] = 0)")
        }
        try LAPACKInfo.check(info, "getrf")
        var rcond: Scalar = 0
        let conInfo = lu.withUnsafeBufferPointer { pa in Scalar._gecon(n, pa.baseAddress!, anorm, &rcond) }  // safe: n > 0
        try LAPACKInfo.check(conInfo, "gecon")
        if !(rcond >= Scalar.ulpOfOne) {
            throw LinearAlgebraError(
                .singular, "\(what): matrix is singular to working precision (reciprocal condition \(rcond))")
        }
        return (lu, pivots)
    }

    /// Solves `self · X = B` for square `self` by LU with partial pivoting (LAPACK getrf/getrs,
    /// the two halves of gesv).
    /// - Parameter b: `n × k` right-hand sides.
    /// - Returns: `X`, `n × k`.
    /// - Throws: ``LinearAlgebraError/Code/shapeMismatch`` (not square, `b.rows != n`),
    ///   ``LinearAlgebraError/Code/singular`` (zero pivot or reciprocal condition < ε),
    ///   ``LinearAlgebraError/Code/nonFinite``.
    public func solve(_ b: Matrix) throws -> Matrix {
        let n = try requireSquare("solve")
        guard b.rows == rows else {
            throw LinearAlgebraError(.shapeMismatch, "solve: A is \(rows)×\(columns), B has \(b.rows) rows")
        }
        if rows == 0 || b.columns == 0 { return b }
        let k = try BLAS.int32(b.columns, "nrhs")
        let (lu, pivots) = try luFactorized("solve")
        var x = b
        let info = lu.withUnsafeBufferPointer { pa in
            pivots.withUnsafeBufferPointer { pp in
                x.withUnsafeMutableBufferPointer { px in
                    Scalar._getrs(n, k, pa.baseAddress!, pp.baseAddress!, px.baseAddress!, k)  // safe: n, k > 0
                }
            }
        }
        try LAPACKInfo.check(info, "getrs")
        return x
    }

    /// The inverse of a square matrix (LAPACK getrf/getri).
    /// - Throws: as ``solve(_:)``.
    public func inverse() throws -> Matrix {
        let n = try requireSquare("inverse")
        if rows == 0 { return self }
        var (lu, pivots) = try luFactorized("inverse")
        let info = lu.withUnsafeMutableBufferPointer { pa in
            pivots.withUnsafeBufferPointer { pp in Scalar._getri(n, pa.baseAddress!, pp.baseAddress!) }  // safe: n > 0
        }
        if info > 0 { throw LinearAlgebraError(.singular, "inverse: matrix is singular") }
        try LAPACKInfo.check(info, "getri")
        return Matrix(uncheckedRows: rows, columns: columns, elements: lu)
    }

    /// The Cholesky factorization `self = L·Lᵀ` (LAPACK potrf, lower triangle read).
    /// - Throws: ``LinearAlgebraError/Code/notPositiveDefinite`` naming the failing leading minor,
    ///   ``LinearAlgebraError/Code/shapeMismatch`` when not square, ``LinearAlgebraError/Code/nonFinite``.
    public func cholesky() throws -> CholeskyFactorization<Scalar> {
        let n = try requireSquare("cholesky")
        try requireFinite("cholesky")
        if rows == 0 { return CholeskyFactorization(lower: self) }
        var a = elements
        let info = a.withUnsafeMutableBufferPointer { Scalar._potrf(n, $0.baseAddress!) }  // safe: n > 0
        if info > 0 {
            throw LinearAlgebraError(
                .notPositiveDefinite, "cholesky: the leading minor of order \(info) is not positive definite")
        }
        try LAPACKInfo.check(info, "potrf")
        for i in 0..<rows {
            for j in (i + 1)..<columns { a[i * columns + j] = 0 }
        }
        return CholeskyFactorization(lower: Matrix(uncheckedRows: rows, columns: columns, elements: a))
    }

    /// The least-squares solution of `self · X ≈ B` for a full-rank `m × n` matrix
    /// (LAPACK gels, QR for `m ≥ n`, minimum-norm LQ for `m < n`). Full rank is checked by the
    /// reciprocal condition number of the triangular factor (LAPACK trcon, must be ≥ ε).
    /// - Parameter b: `m × k`.
    /// - Returns: `X`, `n × k`.
    /// - Throws: ``LinearAlgebraError/Code/singular`` when `self` is rank deficient,
    ///   ``LinearAlgebraError/Code/shapeMismatch`` when `b.rows != m`.
    public func leastSquares(_ b: Matrix) throws -> Matrix {
        guard b.rows == rows else {
            throw LinearAlgebraError(.shapeMismatch, "least squares: A is \(rows)×\(columns), B has \(b.rows) rows")
        }
        try requireFinite("least squares")
        try b.requireFinite("least squares")
        let m = try BLAS.int32(rows, "m"), n = try BLAS.int32(columns, "n"), k = try BLAS.int32(b.columns, "nrhs")
        if rows == 0 || columns == 0 || b.columns == 0 { return try Matrix(rows: columns, columns: b.columns) }
        let ldbRows = Swift.max(rows, columns)
        var a = elements
        var work = [Scalar](repeating: 0, count: ldbRows * b.columns)
        for i in 0..<rows {
            for j in 0..<b.columns { work[i * b.columns + j] = b.elements[i * b.columns + j] }
        }
        let info = a.withUnsafeMutableBufferPointer { pa in
            work.withUnsafeMutableBufferPointer { pb in Scalar._gels(m, n, k, pa.baseAddress!, pb.baseAddress!, k) }  // safe: sizes > 0
        }
        if info > 0 {
            throw LinearAlgebraError(.singular, "least squares: matrix is rank deficient (diagonal \(info) of the triangular factor is 0)")
        }
        try LAPACKInfo.check(info, "gels")
        // gels only stops on an exact zero on the triangular factor's diagonal; refuse factors
        // that are singular to working precision too (R for m ≥ n, L for m < n, both r × r).
        let r = Swift.min(m, n)
        var rcond: Scalar = 0
        let conInfo = a.withUnsafeBufferPointer { pa in Scalar._trcon(rows >= columns, r, pa.baseAddress!, n, &rcond) }  // safe: sizes > 0
        try LAPACKInfo.check(conInfo, "trcon")
        if !(rcond >= Scalar.ulpOfOne) {
            throw LinearAlgebraError(
                .singular, "least squares: matrix is rank deficient to working precision (reciprocal condition \(rcond))")
        }
        return Matrix(uncheckedRows: columns, columns: b.columns, elements: Array(work[0..<(columns * b.columns)]))
    }

    /// The thin singular value decomposition (LAPACK gesdd, divide and conquer).
    /// - Throws: ``LinearAlgebraError/Code/noConvergence``, ``LinearAlgebraError/Code/nonFinite``.
    public func svd() throws -> SingularValueDecomposition<Scalar> {
        try requireFinite("svd")
        let m = try BLAS.int32(rows, "m"), n = try BLAS.int32(columns, "n")
        let r = Swift.min(rows, columns)
        if r == 0 {
            return SingularValueDecomposition(
                u: try Matrix(rows: rows, columns: 0), singularValues: [], vt: try Matrix(rows: 0, columns: columns))
        }
        let r32 = try BLAS.int32(r, "rank")
        var a = elements
        var s = [Scalar](repeating: 0, count: r)
        var u = [Scalar](repeating: 0, count: rows * r)
        var vt = [Scalar](repeating: 0, count: r * columns)
        let info = a.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                u.withUnsafeMutableBufferPointer { pu in
                    vt.withUnsafeMutableBufferPointer { pv in
                        Scalar._gesdd(m, n, pa.baseAddress!, ps.baseAddress!, pu.baseAddress!, r32, pv.baseAddress!, n)  // safe: sizes > 0
                    }
                }
            }
        }
        try LAPACKInfo.check(info, "gesdd")
        return SingularValueDecomposition(
            u: Matrix(uncheckedRows: rows, columns: r, elements: u), singularValues: s,
            vt: Matrix(uncheckedRows: r, columns: columns, elements: vt))
    }

    /// The eigendecomposition of a symmetric matrix (LAPACK syevd; only the lower triangle is read,
    /// as NumPy's `eigh`).
    /// - Throws: ``LinearAlgebraError/Code/shapeMismatch`` (not square),
    ///   ``LinearAlgebraError/Code/noConvergence``, ``LinearAlgebraError/Code/nonFinite``.
    public func symmetricEigendecomposition() throws -> SymmetricEigendecomposition<Scalar> {
        let n = try requireSquare("symmetric eigendecomposition")
        try requireFinite("symmetric eigendecomposition")
        if rows == 0 { return SymmetricEigendecomposition(eigenvalues: [], eigenvectors: self) }
        var a = elements
        var w = [Scalar](repeating: 0, count: rows)
        let info = a.withUnsafeMutableBufferPointer { pa in
            w.withUnsafeMutableBufferPointer { pw in Scalar._syevd(n, pa.baseAddress!, pw.baseAddress!) }  // safe: n > 0
        }
        try LAPACKInfo.check(info, "syevd")
        return SymmetricEigendecomposition(
            eigenvalues: w, eigenvectors: Matrix(uncheckedRows: rows, columns: columns, elements: a))
    }
}

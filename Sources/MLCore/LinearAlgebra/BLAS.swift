import CLinearAlgebra
import Synchronization

/// Level-1/2/3 BLAS on ``Matrix`` and arrays, backed by OpenBLAS.
///
/// Every function checks lengths and shapes first and throws
/// ``LinearAlgebraError/Code/shapeMismatch`` (or ``LinearAlgebraError/Code/invalidArgument``
/// for sizes beyond OpenBLAS's 32-bit interface) instead of letting BLAS read out of bounds.
public enum BLAS {
    static func int32(_ value: Int, _ what: String) throws -> Int32 {
        guard let v = Int32(exactly: value) else {
            throw LinearAlgebraError(.invalidArgument, "\(what) = \(value) exceeds BLAS's 32-bit sizes")
        }
        return v
    }

    /// `Σ xᵢ·yᵢ`. Throws when the lengths differ.
    public static func dot<S: MatrixScalar>(_ x: [S], _ y: [S]) throws -> S {
        guard x.count == y.count else {
            throw LinearAlgebraError(.shapeMismatch, "dot: lengths \(x.count) and \(y.count) differ")
        }
        let n = try int32(x.count, "length")
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                guard let a = px.baseAddress, let b = py.baseAddress else { return 0 }
                return S._dot(n, a, b)
            }
        }
    }

    /// `y ← α·x + y`. Throws when the lengths differ.
    public static func axpy<S: MatrixScalar>(_ alpha: S, _ x: [S], _ y: inout [S]) throws {
        guard x.count == y.count else {
            throw LinearAlgebraError(.shapeMismatch, "axpy: lengths \(x.count) and \(y.count) differ")
        }
        let n = try int32(x.count, "length")
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                guard let a = px.baseAddress, let b = py.baseAddress else { return }
                S._axpy(n, alpha, a, b)
            }
        }
    }

    /// `x ← α·x`.
    public static func scal<S: MatrixScalar>(_ alpha: S, _ x: inout [S]) throws {
        let n = try int32(x.count, "length")
        x.withUnsafeMutableBufferPointer { px in
            guard let a = px.baseAddress else { return }
            S._scal(n, alpha, a)
        }
    }

    /// The Euclidean norm `‖x‖₂` (scaled to avoid overflow, as BLAS nrm2 does). 0 for an empty array.
    public static func nrm2<S: MatrixScalar>(_ x: [S]) throws -> S {
        let n = try int32(x.count, "length")
        return x.withUnsafeBufferPointer { px in
            guard let a = px.baseAddress else { return 0 }
            return S._nrm2(n, a)
        }
    }

    /// `y ← α·op(A)·x + β·y` where `op(A)` is `A` or `Aᵀ`.
    /// - Throws: on a mismatch of `x`, `y` and `op(A)`'s shape.
    public static func gemv<S: MatrixScalar>(
        _ a: Matrix<S>, transpose: Bool = false, _ x: [S], into y: inout [S], alpha: S = 1, beta: S = 0
    ) throws {
        let (outLength, inLength) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        guard x.count == inLength, y.count == outLength else {
            throw LinearAlgebraError(
                .shapeMismatch,
                "gemv: op(A) is \(outLength)×\(inLength), x has \(x.count), y has \(y.count)")
        }
        let m = try int32(a.rows, "rows")
        let n = try int32(a.columns, "columns")
        if a.isEmpty {
            // BLAS leaves y untouched when A is empty; apply β ourselves for a defined result.
            for k in 0..<y.count { y[k] = beta == 0 ? 0 : beta * y[k] }
            return
        }
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    guard let aa = pa.baseAddress, let xx = px.baseAddress, let yy = py.baseAddress else { return }
                    S._gemv(transpose, m, n, alpha, aa, Swift.max(n, 1), xx, beta, yy)
                }
            }
        }
    }

    /// `C ← α·op(A)·op(B) + β·C`.
    /// - Throws: when the inner dimensions or `C`'s shape do not fit.
    public static func gemm<S: MatrixScalar>(
        _ a: Matrix<S>, transposeA: Bool = false, _ b: Matrix<S>, transposeB: Bool = false,
        into c: inout Matrix<S>, alpha: S = 1, beta: S = 0
    ) throws {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (k2, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard k == k2 else {
            throw LinearAlgebraError(
                .shapeMismatch, "gemm: op(A) is \(m)×\(k) but op(B) is \(k2)×\(n)")
        }
        guard c.rows == m, c.columns == n else {
            throw LinearAlgebraError(
                .shapeMismatch, "gemm: C is \(c.rows)×\(c.columns), op(A)·op(B) is \(m)×\(n)")
        }
        let m32 = try int32(m, "rows"), n32 = try int32(n, "columns"), k32 = try int32(k, "inner dimension")
        let lda = try int32(Swift.max(a.columns, 1), "lda"), ldb = try int32(Swift.max(b.columns, 1), "ldb")
        let ldc = try int32(Swift.max(n, 1), "ldc")
        if m == 0 || n == 0 { return }
        if k == 0 {
            c = beta == 0 ? (try Matrix(rows: m, columns: n)) : c * beta
            return
        }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    guard let aa = pa.baseAddress, let bb = pb.baseAddress, let cc = pc.baseAddress else { return }
                    S._gemm(transposeA, transposeB, m32, n32, k32, alpha, aa, lda, bb, ldb, beta, cc, ldc)
                }
            }
        }
    }

    /// `C ← C + Aᵀ·A` on the lower triangle (row ≥ column) of the row-major `n × n` matrix `C`,
    /// for the row-major `k × n` matrix `A` (BLAS dsyrk). The upper triangle is not touched.
    /// The caller guarantees `a` holds `k·n` and `c` `n·n` values; `k`, `n` < 2³¹.
    package static func accumulateGramLower(_ a: UnsafePointer<Double>, rows k: Int, columns n: Int, into c: UnsafeMutablePointer<Double>) {
        guard k > 0, n > 0, let k32 = Int32(exactly: k), let n32 = Int32(exactly: n) else { return }
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, n32, k32, 1, a, n32, 1, c, n32)
    }

    /// `C ← C + Aᵀ·B` for row-major `k × n` matrices `A` and `B`, into the `n × n` block at `c`
    /// whose rows are `ldc` apart (BLAS dgemm). The caller guarantees the sizes; all < 2³¹.
    package static func accumulateTransposedProduct(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, rows k: Int, columns n: Int, into c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard k > 0, n > 0, let k32 = Int32(exactly: k), let n32 = Int32(exactly: n), let ld = Int32(exactly: ldc) else { return }
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n32, n32, k32, 1, a, n32, b, n32, 1, c, ld)
    }

    /// `y ← A·x + β·y` (or `Aᵀ·x + β·y` when `transpose`) for the row-major `rows × columns`
    /// matrix at `a` (BLAS dgemv). The caller guarantees the sizes; all < 2³¹.
    package static func multiply(
        _ a: UnsafePointer<Double>, rows: Int, columns: Int, transpose: Bool, _ x: UnsafePointer<Double>, beta: Double,
        into y: UnsafeMutablePointer<Double>
    ) {
        guard rows > 0, columns > 0, let m = Int32(exactly: rows), let n = Int32(exactly: columns) else { return }
        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, m, n, 1, a, n, x, 1, beta, y, 1)
    }

    /// Runs `body` with OpenBLAS on one thread, restoring the previous count when the last of
    /// any overlapping calls ends (a process-wide count under a mutex, so concurrent callers do
    /// not restore it under each other). For computations whose bits must not depend on
    /// OpenBLAS's own threading; other BLAS users in the process run single-threaded meanwhile.
    package static func withSingleThread<T>(_ body: () throws -> T) rethrows -> T {
        singleThreadOverride.withLock { state in
            if state.depth == 0 {
                state.saved = threadCount
                setThreadCount(1)
            }
            state.depth += 1
        }
        defer {
            singleThreadOverride.withLock { state in
                state.depth -= 1
                if state.depth == 0 { setThreadCount(state.saved) }
            }
        }
        return try body()
    }

    private static let singleThreadOverride = Mutex<(depth: Int, saved: Int)>((0, 1))

    /// The number of threads OpenBLAS uses for one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of OpenBLAS threads for later calls (1 when many Swift tasks call BLAS at
    /// once, to avoid oversubscription). Values below 1 are taken as 1.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(clamping: Swift.max(1, count)))
    }

    /// OpenBLAS's build configuration string (e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64`).
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "unknown" }
        return String(cString: c)
    }

    /// The CPU kernel OpenBLAS selected at run time (e.g. `Zen`, `SkylakeX`, `Haswell`).
    public static var coreName: String {
        guard let c = openblas_get_corename() else { return "unknown" }
        return String(cString: c)
    }
}

extension Matrix {
    /// The product `op(self)·op(other)` (BLAS gemm).
    /// - Throws: ``LinearAlgebraError/Code/shapeMismatch`` when the inner dimensions differ.
    public func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> Matrix {
        let m = transposeSelf ? columns : rows
        let n = transposeOther ? other.rows : other.columns
        var c = try Matrix(rows: m, columns: n)
        try BLAS.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther, into: &c)
        return c
    }

    /// The matrix–vector product `op(self)·x` (BLAS gemv).
    /// - Throws: ``LinearAlgebraError/Code/shapeMismatch`` when `x` has the wrong length.
    public func multiplied(by x: [Scalar], transposeSelf: Bool = false) throws -> [Scalar] {
        var y = [Scalar](repeating: 0, count: transposeSelf ? columns : rows)
        try BLAS.gemv(self, transpose: transposeSelf, x, into: &y)
        return y
    }

    /// The Frobenius norm `√Σ aᵢⱼ²` (BLAS nrm2 over the storage).
    public func frobeniusNorm() throws -> Scalar { try BLAS.nrm2(elements) }
}

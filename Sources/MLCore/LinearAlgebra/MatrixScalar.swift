import CLinearAlgebra

/// An element type a ``Matrix`` can hold: `Float` or `Double`.
///
/// The underscored requirements are the BLAS/LAPACK entry points for the type (`s…` for
/// `Float`, `d…` for `Double`). They are an implementation detail of MLCore: call the
/// `Matrix` and ``BLAS`` methods instead, which check shapes and turn LAPACK return codes
/// into ``LinearAlgebraError``s. All matrices are row-major; leading dimensions are in
/// elements; sizes are `Int32` (OpenBLAS's LP64 interface).
public protocol MatrixScalar: BinaryFloatingPoint, Sendable, Codable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// `C ← α·op(A)·op(B) + β·C`.
    static func _gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Self,
        _ a: UnsafePointer<Self>, _ lda: Int32, _ b: UnsafePointer<Self>, _ ldb: Int32,
        _ beta: Self, _ c: UnsafeMutablePointer<Self>, _ ldc: Int32)
    /// `y ← α·op(A)·x + β·y` for a row-major `m × n` matrix `A`.
    static func _gemv(
        _ trans: Bool, _ m: Int32, _ n: Int32, _ alpha: Self, _ a: UnsafePointer<Self>,
        _ lda: Int32, _ x: UnsafePointer<Self>, _ beta: Self, _ y: UnsafeMutablePointer<Self>)
    /// `Σ xᵢ·yᵢ`.
    static func _dot(_ n: Int32, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
    /// `y ← α·x + y`.
    static func _axpy(_ n: Int32, _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    /// `x ← α·x`.
    static func _scal(_ n: Int32, _ alpha: Self, _ x: UnsafeMutablePointer<Self>)
    /// `‖x‖₂`, computed without undue overflow.
    static func _nrm2(_ n: Int32, _ x: UnsafePointer<Self>) -> Self
    /// LU factorization (getrf). Returns `info`.
    static func _getrf(_ n: Int32, _ a: UnsafeMutablePointer<Self>, _ ipiv: UnsafeMutablePointer<Int32>) -> Int32
    /// Inverse from an LU factorization (getri). Returns `info`.
    static func _getri(_ n: Int32, _ a: UnsafeMutablePointer<Self>, _ ipiv: UnsafePointer<Int32>) -> Int32
    /// Cholesky factorization, lower triangle (potrf). Returns `info`.
    static func _potrf(_ n: Int32, _ a: UnsafeMutablePointer<Self>) -> Int32
    /// Solve with a Cholesky factor, lower triangle (potrs). Returns `info`.
    static func _potrs(
        _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Self>, _ b: UnsafeMutablePointer<Self>, _ ldb: Int32
    ) -> Int32
    /// Least squares via QR (gels); `b` has `max(m, n)` rows. Returns `info`.
    static func _gels(
        _ m: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Self>,
        _ b: UnsafeMutablePointer<Self>, _ ldb: Int32) -> Int32
    /// Thin SVD by divide and conquer (gesdd, jobz = "S"). Returns `info`.
    static func _gesdd(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ s: UnsafeMutablePointer<Self>,
        _ u: UnsafeMutablePointer<Self>, _ ldu: Int32, _ vt: UnsafeMutablePointer<Self>, _ ldvt: Int32) -> Int32
    /// Symmetric eigendecomposition by divide and conquer, vectors wanted, lower triangle
    /// (syevd). Returns `info`.
    static func _syevd(_ n: Int32, _ a: UnsafeMutablePointer<Self>, _ w: UnsafeMutablePointer<Self>) -> Int32
    /// Reciprocal condition number in the 1-norm from an LU factor (gecon). Returns `info`.
    static func _gecon(_ n: Int32, _ lu: UnsafePointer<Self>, _ anorm: Self, _ rcond: UnsafeMutablePointer<Self>) -> Int32
    /// The 1-norm (maximum absolute column sum) of an `m × n` matrix (lange, norm "1").
    static func _norm1(_ m: Int32, _ n: Int32, _ a: UnsafePointer<Self>) -> Self
    /// Reciprocal condition number (1-norm) of a triangular `n × n` factor stored in a
    /// row-major array with leading dimension `lda` (trcon). Returns `info`.
    static func _trcon(
        _ upper: Bool, _ n: Int32, _ a: UnsafePointer<Self>, _ lda: Int32, _ rcond: UnsafeMutablePointer<Self>) -> Int32
    /// Solve with an LU factor (getrs). Returns `info`.
    static func _getrs(
        _ n: Int32, _ nrhs: Int32, _ lu: UnsafePointer<Self>, _ ipiv: UnsafePointer<Int32>,
        _ b: UnsafeMutablePointer<Self>, _ ldb: Int32) -> Int32
}

@inline(__always)
private func cblasTranspose(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

private let rowMajor = Int32(LAPACK_ROW_MAJOR)
private let jobS = Int8(UInt8(ascii: "S"))
private let jobV = Int8(UInt8(ascii: "V"))
private let upLoL = Int8(UInt8(ascii: "L"))
private let upLoU = Int8(UInt8(ascii: "U"))
private let transN = Int8(UInt8(ascii: "N"))
private let norm1 = Int8(UInt8(ascii: "1"))

extension Double: MatrixScalar {
    public static func _trcon(
        _ upper: Bool, _ n: Int32, _ a: UnsafePointer<Double>, _ lda: Int32, _ rcond: UnsafeMutablePointer<Double>
    ) -> Int32 {
        LAPACKE_dtrcon(rowMajor, norm1, upper ? upLoU : upLoL, transN, n, a, lda, rcond)
    }
    public static func _gecon(_ n: Int32, _ lu: UnsafePointer<Double>, _ anorm: Double, _ rcond: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dgecon(rowMajor, norm1, n, lu, n, anorm, rcond)
    }
    public static func _norm1(_ m: Int32, _ n: Int32, _ a: UnsafePointer<Double>) -> Double {
        LAPACKE_dlange(rowMajor, norm1, m, n, a, n)
    }
    public static func _getrs(
        _ n: Int32, _ nrhs: Int32, _ lu: UnsafePointer<Double>, _ ipiv: UnsafePointer<Int32>,
        _ b: UnsafeMutablePointer<Double>, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_dgetrs(rowMajor, transN, n, nrhs, lu, n, ipiv, b, ldb)
    }
    public static func _gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Double,
        _ a: UnsafePointer<Double>, _ lda: Int32, _ b: UnsafePointer<Double>, _ ldb: Int32,
        _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int32
    ) {
        cblas_dgemm(
            CblasRowMajor, cblasTranspose(transA), cblasTranspose(transB), m, n, k, alpha, a, lda, b, ldb,
            beta, c, ldc)
    }
    public static func _gemv(
        _ trans: Bool, _ m: Int32, _ n: Int32, _ alpha: Double, _ a: UnsafePointer<Double>, _ lda: Int32,
        _ x: UnsafePointer<Double>, _ beta: Double, _ y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(CblasRowMajor, cblasTranspose(trans), m, n, alpha, a, lda, x, 1, beta, y, 1)
    }
    public static func _dot(_ n: Int32, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        cblas_ddot(n, x, 1, y, 1)
    }
    public static func _axpy(_ n: Int32, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(n, alpha, x, 1, y, 1)
    }
    public static func _scal(_ n: Int32, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) {
        cblas_dscal(n, alpha, x, 1)
    }
    public static func _nrm2(_ n: Int32, _ x: UnsafePointer<Double>) -> Double { cblas_dnrm2(n, x, 1) }
    public static func _getrf(_ n: Int32, _ a: UnsafeMutablePointer<Double>, _ ipiv: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_dgetrf(rowMajor, n, n, a, n, ipiv)
    }
    public static func _getri(_ n: Int32, _ a: UnsafeMutablePointer<Double>, _ ipiv: UnsafePointer<Int32>) -> Int32 {
        LAPACKE_dgetri(rowMajor, n, a, n, ipiv)
    }
    public static func _potrf(_ n: Int32, _ a: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dpotrf(rowMajor, upLoL, n, a, n)
    }
    public static func _potrs(
        _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_dpotrs(rowMajor, upLoL, n, nrhs, a, n, b, ldb)
    }
    public static func _gels(
        _ m: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Double>,
        _ b: UnsafeMutablePointer<Double>, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_dgels(rowMajor, transN, m, n, nrhs, a, n, b, ldb)
    }
    public static func _gesdd(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ s: UnsafeMutablePointer<Double>,
        _ u: UnsafeMutablePointer<Double>, _ ldu: Int32, _ vt: UnsafeMutablePointer<Double>, _ ldvt: Int32
    ) -> Int32 {
        LAPACKE_dgesdd(rowMajor, jobS, m, n, a, n, s, u, ldu, vt, ldvt)
    }
    public static func _syevd(_ n: Int32, _ a: UnsafeMutablePointer<Double>, _ w: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dsyevd(rowMajor, jobV, upLoL, n, a, n, w)
    }
}

extension Float: MatrixScalar {
    public static func _trcon(
        _ upper: Bool, _ n: Int32, _ a: UnsafePointer<Float>, _ lda: Int32, _ rcond: UnsafeMutablePointer<Float>
    ) -> Int32 {
        LAPACKE_strcon(rowMajor, norm1, upper ? upLoU : upLoL, transN, n, a, lda, rcond)
    }
    public static func _gecon(_ n: Int32, _ lu: UnsafePointer<Float>, _ anorm: Float, _ rcond: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sgecon(rowMajor, norm1, n, lu, n, anorm, rcond)
    }
    public static func _norm1(_ m: Int32, _ n: Int32, _ a: UnsafePointer<Float>) -> Float {
        LAPACKE_slange(rowMajor, norm1, m, n, a, n)
    }
    public static func _getrs(
        _ n: Int32, _ nrhs: Int32, _ lu: UnsafePointer<Float>, _ ipiv: UnsafePointer<Int32>,
        _ b: UnsafeMutablePointer<Float>, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_sgetrs(rowMajor, transN, n, nrhs, lu, n, ipiv, b, ldb)
    }
    public static func _gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int32, _ b: UnsafePointer<Float>, _ ldb: Int32,
        _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int32
    ) {
        cblas_sgemm(
            CblasRowMajor, cblasTranspose(transA), cblasTranspose(transB), m, n, k, alpha, a, lda, b, ldb,
            beta, c, ldc)
    }
    public static func _gemv(
        _ trans: Bool, _ m: Int32, _ n: Int32, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int32,
        _ x: UnsafePointer<Float>, _ beta: Float, _ y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, cblasTranspose(trans), m, n, alpha, a, lda, x, 1, beta, y, 1)
    }
    public static func _dot(_ n: Int32, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        cblas_sdot(n, x, 1, y, 1)
    }
    public static func _axpy(_ n: Int32, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(n, alpha, x, 1, y, 1)
    }
    public static func _scal(_ n: Int32, _ alpha: Float, _ x: UnsafeMutablePointer<Float>) {
        cblas_sscal(n, alpha, x, 1)
    }
    public static func _nrm2(_ n: Int32, _ x: UnsafePointer<Float>) -> Float { cblas_snrm2(n, x, 1) }
    public static func _getrf(_ n: Int32, _ a: UnsafeMutablePointer<Float>, _ ipiv: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_sgetrf(rowMajor, n, n, a, n, ipiv)
    }
    public static func _getri(_ n: Int32, _ a: UnsafeMutablePointer<Float>, _ ipiv: UnsafePointer<Int32>) -> Int32 {
        LAPACKE_sgetri(rowMajor, n, a, n, ipiv)
    }
    public static func _potrf(_ n: Int32, _ a: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_spotrf(rowMajor, upLoL, n, a, n)
    }
    public static func _potrs(
        _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_spotrs(rowMajor, upLoL, n, nrhs, a, n, b, ldb)
    }
    public static func _gels(
        _ m: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Float>,
        _ b: UnsafeMutablePointer<Float>, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_sgels(rowMajor, transN, m, n, nrhs, a, n, b, ldb)
    }
    public static func _gesdd(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ s: UnsafeMutablePointer<Float>,
        _ u: UnsafeMutablePointer<Float>, _ ldu: Int32, _ vt: UnsafeMutablePointer<Float>, _ ldvt: Int32
    ) -> Int32 {
        LAPACKE_sgesdd(rowMajor, jobS, m, n, a, n, s, u, ldu, vt, ldvt)
    }
    public static func _syevd(_ n: Int32, _ a: UnsafeMutablePointer<Float>, _ w: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_ssyevd(rowMajor, jobV, upLoL, n, a, n, w)
    }
}

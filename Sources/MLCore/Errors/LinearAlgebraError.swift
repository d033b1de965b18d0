/// What went wrong in a ``LinearAlgebraError``, matchable.
public enum LinearAlgebraErrorCode: String, MLErrorCode {
    /// Operand shapes are incompatible (e.g. `A.columns != B.rows` for a product).
    case shapeMismatch
    /// The matrix is exactly singular (a zero pivot in LU).
    case singular
    /// Cholesky found a leading minor that is not positive definite.
    case notPositiveDefinite
    /// An iterative LAPACK routine (SVD, eigendecomposition) did not converge.
    case noConvergence
    /// An argument is out of range (negative size, empty matrix where one is required).
    case invalidArgument
    /// The matrix holds NaN or infinity where a finite value is required.
    case nonFinite
}

/// An error from a `Matrix` operation: a shape that does not fit, or a LAPACK
/// factorization that cannot proceed (singular, not positive definite, no convergence).
///
/// Match on ``code``; ``message`` says what and where (operation, shapes, pivot index).
public typealias LinearAlgebraError = MLError<LinearAlgebraErrorCode>

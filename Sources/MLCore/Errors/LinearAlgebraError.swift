/// An error from a `Matrix` operation: a shape that does not fit, or a LAPACK
/// factorization that cannot proceed (singular, not positive definite, no convergence).
///
/// Match on ``code``; ``message`` says what and where (operation, shapes, pivot index).
public struct LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, matchable.
    public enum Code: String, Sendable, Equatable, Codable {
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

    /// What went wrong.
    public let code: Code
    /// Human-readable detail: the operation and the shapes or index involved.
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

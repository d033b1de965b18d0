import Foundation
import MLCore
import MLTesting
import Testing

/// Matrix / BLAS / LAPACK results against NumPy references (Tests/Fixtures/linalg, made by generate.py).
@Suite struct LinearAlgebraReferenceTests {
    struct StoredMatrix: Decodable {
        let rows: Int
        let columns: Int
        let data: [Double]
        func matrix() throws -> Matrix<Double> { try Matrix(rows: rows, columns: columns, elements: data) }
    }

    struct SquareCase: Decodable {
        let name: String
        let a, b, solve, inverse, spd, cholesky_lower, cholesky_solve, gemm_ab, gemm_atb: StoredMatrix
        let eigenvalues, singular_values, gemv_a_b0, sum_axis0, sum_axis1, var_axis0_ddof1, var_axis1: [Double]
        let frobenius: Double
    }

    struct RectangularCase: Decodable {
        let name: String
        let a, b, lstsq: StoredMatrix
        let singular_values: [Double]
    }

    struct Vectors: Decodable {
        let x, y, axpy_2_5: [Double]
        let dot, nrm2: Double
    }

    struct Reference: Decodable {
        let square: [SquareCase]
        let rectangular: [RectangularCase]
        let vectors: Vectors
    }

    static let reference: Reference = {
        let path = FixtureLocator(testFile: #filePath).path("linalg/linalg_reference.json")
        guard let data = FileManager.default.contents(atPath: path),
            let decoded = try? JSONDecoder().decode(Reference.self, from: data)
        else { return Reference(square: [], rectangular: [], vectors: Vectors(x: [], y: [], axpy_2_5: [], dot: 0, nrm2: 0)) }
        return decoded
    }()

    /// 1e-12 relative, with a 1e-13 absolute floor for entries near zero.
    let tight = Tolerance(absolute: 1e-13, relative: 1e-12)

    @Test func referenceLoaded() {
        #expect(Self.reference.square.count == 4)
        #expect(Self.reference.rectangular.count == 3)
    }

    @Test(arguments: 0..<4) func squareCase(index: Int) throws {
        let c = try #require(Self.reference.square.dropFirst(index).first)
        let a = try c.a.matrix(), b = try c.b.matrix()
        expectClose(try a.solve(b), try c.solve.matrix(), tight, "solve \(c.name)")
        expectClose(try a.inverse(), try c.inverse.matrix(), tight, "inverse \(c.name)")
        let chol = try c.spd.matrix().cholesky()
        expectClose(chol.lower, try c.cholesky_lower.matrix(), tight, "cholesky \(c.name)")
        expectClose(try chol.solve(b), try c.cholesky_solve.matrix(), tight, "cholesky solve \(c.name)")
        let eig = try c.spd.matrix().symmetricEigendecomposition()
        expectClose(eig.eigenvalues, c.eigenvalues, tight, "eigenvalues \(c.name)")
        // A·v = λ·v for every pair, and V orthonormal.
        let av = try c.spd.matrix().multiplied(by: eig.eigenvectors)
        for j in 0..<eig.eigenvalues.count {
            expectClose(av.column(j), eig.eigenvectors.column(j).map { $0 * eig.eigenvalues[j] }, .absolute(1e-10))
        }
        expectClose(
            try eig.eigenvectors.multiplied(by: eig.eigenvectors, transposeSelf: true),
            try Matrix<Double>.identity(a.rows), .absolute(1e-13))
        let svd = try a.svd()
        expectClose(svd.singularValues, c.singular_values, tight, "singular values \(c.name)")
        expectClose(try svd.reconstructed(), a, .absolute(1e-12), "SVD reconstruction \(c.name)")
        expectClose(try a.multiplied(by: b), try c.gemm_ab.matrix(), tight, "gemm \(c.name)")
        expectClose(try a.multiplied(by: b, transposeSelf: true), try c.gemm_atb.matrix(), tight, "gemm Aᵀ \(c.name)")
        expectClose(try a.transposed().multiplied(by: b), try c.gemm_atb.matrix(), tight, "transposed() then gemm")
        expectClose(try a.multiplied(by: b.column(0)), c.gemv_a_b0, tight, "gemv \(c.name)")
        expectClose(a.sum(.perColumn), c.sum_axis0, tight)
        expectClose(a.sum(.perRow), c.sum_axis1, tight)
        expectClose(a.variance(.perColumn, ddof: 1), c.var_axis0_ddof1, tight)
        expectClose(a.variance(.perRow), c.var_axis1, tight)
        expectClose(try a.frobeniusNorm(), c.frobenius, tight)
    }

    @Test(arguments: 0..<3) func rectangularCase(index: Int) throws {
        let c = try #require(Self.reference.rectangular.dropFirst(index).first)
        let a = try c.a.matrix(), b = try c.b.matrix()
        expectClose(try a.leastSquares(b), try c.lstsq.matrix(), tight, "lstsq \(c.name)")
        let svd = try a.svd()
        expectClose(svd.singularValues, c.singular_values, tight)
        #expect(svd.u.rows == a.rows && svd.u.columns == min(a.rows, a.columns))
        #expect(svd.vt.rows == min(a.rows, a.columns) && svd.vt.columns == a.columns)
        expectClose(try svd.reconstructed(), a, .absolute(1e-12), "SVD reconstruction \(c.name)")
    }

    @Test func levelOneBLAS() throws {
        let v = Self.reference.vectors
        expectClose(try BLAS.dot(v.x, v.y), v.dot, tight)
        expectClose(try BLAS.nrm2(v.x), v.nrm2, tight)
        var y = v.y
        try BLAS.axpy(2.5, v.x, &y)
        expectClose(y, v.axpy_2_5, tight)
        var z = v.x
        try BLAS.scal(-2, &z)
        expectClose(z, v.x.map { -2 * $0 }, .exact)
    }

    @Test func floatMatchesDoubleReference() throws {
        let c = try #require(Self.reference.square.dropFirst(2).first)
        let a: Matrix<Float> = try c.a.matrix().converted()
        let b: Matrix<Float> = try c.b.matrix().converted()
        expectClose(try a.solve(b), try c.solve.matrix(), Tolerance(absolute: 1e-4, relative: 1e-4))
        expectClose(try a.multiplied(by: b), try c.gemm_ab.matrix(), Tolerance(absolute: 1e-5, relative: 1e-5))
        expectClose(try a.svd().singularValues, c.singular_values, .relative(1e-5))
    }
}

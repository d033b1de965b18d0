import MLCore
import MLTesting
import Testing

@Suite struct MatrixTests {
    @Test func shapeCheckedConstruction() throws {
        #expect(throws: LinearAlgebraError(.shapeMismatch, "2×2 matrix needs 4 elements, got 3")) {
            try Matrix<Double>(rows: 2, columns: 2, elements: [1, 2, 3])
        }
        #expect(throws: LinearAlgebraError.self) { try Matrix<Float>(rows: -1, columns: 2) }
        #expect(throws: LinearAlgebraError.self) { try Matrix<Float>(rows: Int.max, columns: 2) }
        #expect(throws: LinearAlgebraError.self) { try Matrix<Double>([[1, 2], [3]]) }
        let m = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m[1, 2] == 6)
        #expect(Array(m.row(1)) == [4, 5, 6])
        #expect(m.column(1) == [2, 5])
        #expect(m.transposed() == (try Matrix<Double>([[1, 4], [2, 5], [3, 6]])))
        #expect(try m.selectingColumns([2, 0]) == (try Matrix<Double>([[3, 1], [6, 4]])))
        #expect(throws: LinearAlgebraError.self) { try m.selectingColumns([3]) }
        #expect(m.rows(1..<2) == (try Matrix<Double>([[4, 5, 6]])))
    }

    @Test func largeTransposeIsExact() throws {
        let rows = 70, columns = 45
        let m = try Matrix<Float>(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { Float($0) })
        let t = m.transposed()
        #expect(t.rows == columns && t.columns == rows)
        for i in 0..<rows {
            for j in 0..<columns { #expect(t[j, i] == m[i, j]) }
        }
        #expect(t.transposed() == m)
    }

    @Test func elementwiseArithmetic() throws {
        let a = try Matrix<Double>([[1, 2], [3, 4]])
        let b = try Matrix<Double>([[10, 20], [30, 40]])
        #expect(try a + b == (try Matrix<Double>([[11, 22], [33, 44]])))
        #expect(try b - a == (try Matrix<Double>([[9, 18], [27, 36]])))
        #expect(try a.multipliedElementwise(by: b) == (try Matrix<Double>([[10, 40], [90, 160]])))
        #expect(try b.dividedElementwise(by: a) == (try Matrix<Double>([[10, 10], [10, 10]])))
        #expect(a * 2 == (try Matrix<Double>([[2, 4], [6, 8]])))
        #expect(-a == (try Matrix<Double>([[-1, -2], [-3, -4]])))
        #expect(throws: LinearAlgebraError.self) { try a + (try Matrix<Double>(rows: 1, columns: 2)) }
    }

    @Test func reductionsAccumulateInDouble() throws {
        // A Float accumulator would stall at 2^24; Double accumulation counts every one.
        let n = (1 << 24) + 8
        let m = try Matrix<Float>(rows: n, columns: 1, repeating: 1)
        #expect(m.sum() == Double(n))
        #expect(m.sum(.perColumn) == [Double(n)])
        let x = try Matrix<Double>([[1, 2], [3, 4], [5, 9]])
        #expect(x.mean(.perColumn) == [3, 5])
        #expect(x.mean(.perRow) == [1.5, 3.5, 7])
        expectClose(x.variance(.perColumn), [8.0 / 3.0, 26.0 / 3.0], .relative(1e-15))
        expectClose(x.variance(.perColumn, ddof: 1), [4.0, 13.0], .relative(1e-15))
        #expect(x.variance(.perRow, ddof: 2).allSatisfy { $0.isNaN })
        let withNaN = try Matrix<Double>([[1, .nan]])
        #expect(withNaN.sum().isNaN)
    }

    @Test func singularAndIndefiniteAreErrors() throws {
        let singular = try Matrix<Double>([[1, 2], [2, 4]])
        #expect { try singular.solve(try Matrix(rows: 2, columns: 1, repeating: 1)) } throws: { error in
            (error as? LinearAlgebraError)?.code == .singular
        }
        // Singular only to working precision: LU leaves a ~1e-16 pivot, not an exact zero.
        let nearSingular = try Matrix<Double>([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect { try nearSingular.solve(try Matrix(rows: 3, columns: 1, repeating: 1)) } throws: { error in
            (error as? LinearAlgebraError)?.code == .singular
        }
        #expect { try nearSingular.inverse() } throws: { error in
            (error as? LinearAlgebraError)?.code == .singular
        }
        let indefinite = try Matrix<Double>([[1, 2], [2, 1]])
        #expect { try indefinite.cholesky() } throws: { error in
            (error as? LinearAlgebraError)?.code == .notPositiveDefinite
        }
        let rankDeficient = try Matrix<Double>([[1, 2], [2, 4], [3, 6]])
        #expect { try rankDeficient.leastSquares(try Matrix(rows: 3, columns: 1, repeating: 1)) } throws: { error in
            (error as? LinearAlgebraError)?.code == .singular
        }
        let nonSquare = try Matrix<Float>(rows: 2, columns: 3)
        #expect { try nonSquare.inverse() } throws: { error in
            (error as? LinearAlgebraError)?.code == .shapeMismatch
        }
        let withNaN = try Matrix<Double>([[1, .nan], [0, 1]])
        #expect { try withNaN.svd() } throws: { error in (error as? LinearAlgebraError)?.code == .nonFinite }
        #expect { try withNaN.symmetricEigendecomposition() } throws: { error in
            (error as? LinearAlgebraError)?.code == .nonFinite
        }
    }

    @Test func shapeMismatchInProducts() throws {
        let a = try Matrix<Double>(rows: 2, columns: 3)
        let b = try Matrix<Double>(rows: 2, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: b) }
        #expect(try a.multiplied(by: b, transposeOther: true).shape == (2, 2))
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1, 2]) }
        #expect(throws: LinearAlgebraError.self) { try BLAS.dot([1.0, 2], [1.0]) }
        var c = try Matrix<Double>(rows: 3, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(a, b, transposeB: true, into: &c) }
    }

    @Test func emptyShapesDoNotTrap() throws {
        let e = try Matrix<Double>(rows: 0, columns: 3)
        let f = try Matrix<Double>(rows: 3, columns: 0)
        #expect(try e.multiplied(by: try Matrix<Double>(rows: 3, columns: 2)).shape == (0, 2))
        let z = try f.multiplied(by: try Matrix<Double>(rows: 0, columns: 2))
        #expect(z == (try Matrix<Double>(rows: 3, columns: 2)))
        #expect(try e.svd().singularValues.isEmpty)
        #expect(try Matrix<Double>(rows: 0, columns: 0).inverse().isEmpty)
        #expect(e.mean().isNaN)
    }

    @Test func gemmAccumulatesWithAlphaBeta() throws {
        let a = try Matrix<Float>([[1, 2], [3, 4]])
        var c = try Matrix<Float>([[1, 1], [1, 1]])
        try BLAS.gemm(a, a, into: &c, alpha: 2, beta: 3)
        #expect(c == (try Matrix<Float>([[17, 23], [33, 47]])))
    }
}

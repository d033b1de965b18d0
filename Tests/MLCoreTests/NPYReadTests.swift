import MLCore
import MLTesting
import Testing

/// Reading the `.npy` files NumPy wrote (Tests/Fixtures/npy/make_fixtures.py), values pinned here.
@Suite struct NPYReadTests {
    let fixtures = FixtureLocator(testFile: #filePath)

    func read(_ name: String) throws -> NPYArray {
        try NPYArray(contentsOfFile: fixtures.path("npy/\(name)"))
    }

    @Test func float32MatrixKeepsEveryBitPattern() throws {
        let a = try read("f4_3x4.npy")
        #expect(a.dataType == .float32)
        #expect(a.shape == [3, 4])
        guard case .float32(let v) = a.storage else {
            Issue.record("storage is \(a.storage.dataType)")
            return
        }
        let expected: [Float] = [
            0, -0.0, 1.5, -2.25,
            .nan, .infinity, -.infinity, .leastNonzeroMagnitude,
            3.4028235e38, -1.1754944e-38, 0.1, 123456.789,
        ]
        #expect(v.count == 12)
        for (got, want) in zip(v, expected) {
            if want.isNaN { #expect(got.isNaN) } else { #expect(got.bitPattern == want.bitPattern) }
        }
    }

    @Test func float64Matrix() throws {
        let m = try Matrix<Double>(contentsOfNPYFile: fixtures.path("npy/f8_2x3.npy"))
        #expect(m.rows == 2 && m.columns == 3)
        expectClose(m.elements, [1.0, -2.5, 0.1, .nan, 1e300, -.leastNonzeroMagnitude] as [Double], .exact)
    }

    @Test func integerAndByteTypes() throws {
        #expect(try read("i4_4.npy").storage == .int32([-2_147_483_648, -1, 0, 2_147_483_647]))
        let i8 = try read("i8_2x2.npy")
        #expect(i8.shape == [2, 2])
        #expect(i8.storage == .int64([Int64.min, 9_007_199_254_740_993, 0, 42]))
        #expect(try i8.integers() == [Int.min, 9_007_199_254_740_993, 0, 42])
        #expect(try read("u1_3.npy").storage == .uint8([0, 127, 255]))
        #expect(try read("i1_3.npy").storage == .int8([-128, 0, 127]))
        #expect(try read("b1_4.npy").storage == .bool([true, false, false, true]))
    }

    @Test func shapesOfRankZeroOneThreeAndEmpty() throws {
        let scalar = try read("f8_scalar.npy")
        #expect(scalar.shape == [])
        #expect(scalar.storage == .float64([3.25]))
        #expect(try read("f4_5.npy").storage == .float32([0, 0.5, 1, 1.5, 2]))
        let empty = try read("f4_0x3.npy")
        #expect(empty.shape == [0, 3] && empty.count == 0)
        let hugeByZero = try read("f4_huge_by_0.npy")
        #expect(hugeByZero.shape == [12_345_678_901, 0] && hugeByZero.count == 0)
        let cube = try read("i4_2x3x4.npy")
        #expect(cube.shape == [2, 3, 4])
        #expect(cube.storage == .int32((0..<24).map { Int32($0) }))
    }

    @Test func formatVersions2And3() throws {
        let v2 = try read("f8_v2.npy")
        #expect(v2.shape == [2, 2] && v2.storage == .float64([1, 2, 3, 4]))
        let v3 = try read("f4_v3.npy")
        #expect(v3.shape == [3] && v3.storage == .float32([1, 2, 3]))
    }

    @Test func matrixShapesFromVectorsAndScalars() throws {
        let column = try Matrix<Float>(contentsOfNPYFile: fixtures.path("npy/f4_5.npy"))
        #expect(column.rows == 5 && column.columns == 1)
        let scalar = try Matrix<Double>(contentsOfNPYFile: fixtures.path("npy/f8_scalar.npy"))
        #expect(scalar.rows == 1 && scalar.columns == 1 && scalar[0, 0] == 3.25)
        let empty = try Matrix<Float>(contentsOfNPYFile: fixtures.path("npy/f4_0x3.npy"))
        #expect(empty.rows == 0 && empty.columns == 3)
    }

    @Test func matrixConversions() throws {
        let f4 = try read("f4_3x4.npy")
        let asDouble = try Matrix<Double>(f4)
        #expect(asDouble[0, 2] == 1.5 && asDouble[2, 2] == Double(Float(0.1)))
        let f8 = try read("f8_2x3.npy")
        let asFloat = try Matrix<Float>(f8)
        #expect(asFloat[0, 2] == Float(0.1))
        #expect(asFloat[1, 1] == .infinity)  // 1e300 overflows Float
        let fromInts = try Matrix<Double>(try read("i8_2x2.npy"))
        #expect(fromInts.elements == [-9.223372036854775808e18, 9_007_199_254_740_992, 0, 42])
        let fromBools = try Matrix<Float>(try read("b1_4.npy"))
        #expect(fromBools.elements == [1, 0, 0, 1])
        #expect(throws: DataFormatError.self) { try Matrix<Float>(try read("i4_2x3x4.npy")) }
        #expect(throws: DataFormatError.self) { try read("f4_3x4.npy").integers() }
    }

    @Test(arguments: [
        ("f8_fortran.npy", DataFormatError.Code.unsupported, "fortran_order", "Fortran"),
        ("f8_big_endian.npy", .unsupported, "descr", ">f8"),
        ("c16_complex.npy", .unsupported, "descr", "<c16"),
    ])
    func unsupportedFilesAreRefusedByName(name: String, code: DataFormatError.Code, field: String, mention: String) {
        let path = fixtures.path("npy/\(name)")
        do {
            _ = try NPYArray(contentsOfFile: path)
            Issue.record("\(name) was accepted")
        } catch let error as DataFormatError {
            #expect(error.code == code)
            #expect(error.field == field)
            #expect(error.path == path)
            #expect(error.message.contains(mention), "\(error)")
        } catch {
            Issue.record("wrong error type \(error)")
        }
    }

    @Test func missingFileIsAnIOErrorWithPath() {
        do {
            _ = try Matrix<Float>(contentsOfNPYFile: "/nonexistent/x.npy")
            Issue.record("accepted a missing file")
        } catch let error as DataFormatError {
            #expect(error.code == .io && error.path == "/nonexistent/x.npy")
        } catch {
            Issue.record("wrong error type \(error)")
        }
    }

    @Test func pipesAreReadToTheirEnd() throws {
        let bytes = try fileBytes(fixtures.path("npy/f4_5.npy"))
        let ends = try #require(_Platform.makePipe())
        let written = bytes.withUnsafeBytes { _Platform.writeSome(ends.write, from: $0.baseAddress, count: $0.count) }
        #expect(written == bytes.count)  // far below the pipe buffer
        _Platform.closeFile(ends.write)
        defer { _Platform.closeFile(ends.read) }
        let array = try NPYArray(contentsOfFile: "/proc/self/fd/\(ends.read)")
        #expect(array.storage == .float32([0, 0.5, 1, 1.5, 2]))
    }

    @Test func aDirectoryIsAnIOError() {
        do {
            _ = try NPYArray(contentsOfFile: fixtures.path("npy"))
            Issue.record("read a directory")
        } catch let error as DataFormatError {
            #expect(error.code == .io, "\(error)")
        } catch {
            Issue.record("wrong error type \(error)")
        }
    }
}

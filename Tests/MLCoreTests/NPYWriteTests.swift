import MLCore
import MLTesting
import Testing

/// Our writer must produce the bytes `numpy.save` produced for the fixtures.
@Suite struct NPYWriteTests {
    let fixtures = FixtureLocator(testFile: #filePath)

    func fileBytes(_ name: String) throws -> [UInt8] {
        try MLCoreTests.fileBytes(fixtures.path("npy/\(name)"))
    }

    @Test(arguments: [
        "f4_3x4.npy", "f8_2x3.npy", "f4_5.npy", "f8_scalar.npy", "i4_4.npy", "i8_2x2.npy", "u1_3.npy", "i1_3.npy",
        "b1_4.npy", "f4_0x3.npy", "f4_huge_by_0.npy", "i4_2x3x4.npy",
    ])
    func roundTripIsByteIdenticalToNumPy(name: String) throws {
        let original = try fileBytes(name)
        let array = try NPYArray(npyBytes: original)
        #expect(array.npyBytes() == original)
        #expect(array.npyHeader.count % 64 == 0)
    }

    @Test func arraysBuiltInCodeMatchNumPyBytes() throws {
        let m = try Matrix<Float>([
            [0, -0.0, 1.5, -2.25], [.nan, .infinity, -.infinity, .leastNonzeroMagnitude],
            [3.4028235e38, -1.1754944e-38, 0.1, 123456.789],
        ])
        #expect(m.npyBytes() == (try fileBytes("f4_3x4.npy")))
        let d = try Matrix<Double>([[1.0, -2.5, 0.1], [.nan, 1e300, -.leastNonzeroMagnitude]])
        #expect(d.npyBytes() == (try fileBytes("f8_2x3.npy")))
        #expect(NPYArray([Int32.min, -1, 0, Int32.max]).npyBytes() == (try fileBytes("i4_4.npy")))
        let i8 = try NPYArray(shape: [2, 2], storage: .int64([Int64.min, 9_007_199_254_740_993, 0, 42]))
        #expect(i8.npyBytes() == (try fileBytes("i8_2x2.npy")))
        #expect(NPYArray([true, false, false, true]).npyBytes() == (try fileBytes("b1_4.npy")))
        #expect(NPYArray([UInt8(0), 127, 255]).npyBytes() == (try fileBytes("u1_3.npy")))
        #expect(NPYArray([Int8(-128), 0, 127]).npyBytes() == (try fileBytes("i1_3.npy")))
        let scalar = try NPYArray(shape: [], storage: .float64([3.25]))
        #expect(scalar.npyBytes() == (try fileBytes("f8_scalar.npy")))
        let hugeByZero = try NPYArray(shape: [12_345_678_901, 0], storage: .float32([]))
        #expect(hugeByZero.npyBytes() == (try fileBytes("f4_huge_by_0.npy")))
    }

    @Test func writeToFileAndReadBack() throws {
        let path = "/tmp/mlcore-npy-write-\(_Platform.processID).npy"
        defer { _Platform.removeFile(path) }
        let m = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        try m.writeNPY(toFile: path)
        #expect(try Matrix<Double>(contentsOfNPYFile: path) == m)
        let ints = NPYArray([Int](arrayLiteral: -3, 0, 7))
        try ints.write(toFile: path)
        let back = try NPYArray(contentsOfFile: path)
        #expect(back == ints && back.dataType == .int64)
        #expect(try back.integers() == [-3, 0, 7])
    }

    @Test func shapeMustMatchElementCount() {
        #expect(throws: DataFormatError.self) { try NPYArray(shape: [2, 2], storage: .float32([1, 2, 3])) }
        #expect(throws: DataFormatError.self) { try NPYArray(shape: [-1], storage: .float32([])) }
        #expect(throws: DataFormatError.self) { try NPYArray(shape: [Int.max, 2], storage: .float32([])) }
    }

    @Test func writingToAMissingFolderIsAnIOError() throws {
        do {
            try NPYArray([Float(1)]).write(toFile: "/nonexistent/dir/x.npy")
            Issue.record("write succeeded")
        } catch let error as DataFormatError {
            #expect(error.code == .io && error.path == "/nonexistent/dir/x.npy")
        }
    }
}

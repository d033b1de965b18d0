import FoundationEssentials
import MLCore
import MLTesting
import Testing

/// Pinned digests come from an independent Python (hashlib + struct) rendering of the
/// encoding documented on `ContentHasher`, so the documentation is the specification.
@Suite struct ContentHashTests {
    let fixtures = FixtureLocator(testFile: #filePath)

    @Test func matrixHashFollowsTheDocumentedEncoding() throws {
        let m = try Matrix<Float>([[1, -0.0, .nan], [.infinity, 0.5, -2]])
        #expect(m.contentHash().hex == "457cd4347ea14d48b014bcf0f0d2e7c0ce743d12eed2c9312f8fc291c82535e3")
        #expect(
            try Matrix<Float>(rows: 0, columns: 0).contentHash().hex
                == "40cd0c4d060468123b810d0f007f9ae2ea362cc1b4673feaaf3894afac0b6049")
    }

    @Test func sameDataSameHashHoweverLoaded() throws {
        let fromFile = try Matrix<Double>(contentsOfNPYFile: fixtures.path("npy/f8_2x3.npy"))
        let inCode = try Matrix<Double>([[1.0, -2.5, 0.1], [.nan, 1e300, -.leastNonzeroMagnitude]])
        #expect(fromFile.contentHash() == inCode.contentHash())
        #expect(inCode.contentHash().hex == "27ee29f25b9b16e8cab4a240590408226fe7465f2fee3c6c629384bbc8fceb7c")
        let f4 = try Matrix<Float>(contentsOfNPYFile: fixtures.path("npy/f4_3x4.npy"))
        #expect(f4.contentHash().hex == "7f0323acc7ffce2ea2088ca19ab47197a397e1b4c7974f341b2d209449f831b4")
    }

    @Test func oneChangedElementChangesTheHash() throws {
        let base = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        var changed = base
        changed[1, 2] = 6.000000000000001
        #expect(base.contentHash() != changed.contentHash())
        #expect(base.contentHash() != (try Matrix<Double>(rows: 3, columns: 2, elements: base.elements)).contentHash())
        #expect(base.contentHash() != base.converted(to: Float.self).contentHash())
    }

    @Test func nanPayloadsAndNegativeZeroAreCanonical() throws {
        let quiet = try Matrix<Float>([[.nan, 0]])
        let payload = try Matrix<Float>([[Float(bitPattern: 0xFFC0_1234), -0.0]])
        #expect(quiet.contentHash() == payload.contentHash())
        let d1 = try Matrix<Double>([[.nan, -0.0]])
        let d2 = try Matrix<Double>([[-Double.signalingNaN, 0]])
        #expect(d1.contentHash() == d2.contentHash())
    }

    @Test func columnsFollowTheDocumentedEncoding() {
        var hasher = ContentHasher(kind: "mlops-table-v1")
        hasher.combineColumn(named: "age", [31, -45])
        hasher.combineColumn(named: "city", ["Lyon", "Zürich"])
        hasher.combineColumn(named: "score", [0.5, .nan] as [Double])
        hasher.combineColumn(named: "w", [1.5] as [Float])
        #expect(hasher.finalize().hex == "047d7733106fe6ade32b61948ef57f5527bcd6c6d30379285aa99b6c0d39c3b4")
        // Finalizing does not end the stream.
        let first = hasher.finalize()
        hasher.combine(UInt64(1))
        #expect(hasher.finalize() != first)
    }

    @Test func framingSeparatesColumnBoundaries() {
        var a = ContentHasher(kind: "t")
        a.combineColumn(named: "x", ["ab", "c"])
        var b = ContentHasher(kind: "t")
        b.combineColumn(named: "x", ["a", "bc"])
        var c = ContentHasher(kind: "t")
        c.combineColumn(named: "x", [1.0, 2.0] as [Double])
        var d = ContentHasher(kind: "t")
        d.combineColumn(named: "x", [1.0, 2.0] as [Float])
        #expect(Set([a.finalize(), b.finalize(), c.finalize(), d.finalize()]).count == 4)
    }

    @Test func largeInputsStreamInChunks() throws {
        // More elements than one internal chunk, and strings past the flush threshold.
        let n = 100_003
        let values = (0..<n).map { Double($0) * 0.25 }
        var one = ContentHasher(kind: "big")
        one.combineColumn(named: "v", values)
        var two = ContentHasher(kind: "big")
        two.combine("v")
        two.combine("f64")
        two.combine(UInt64(n))
        values.withUnsafeBufferPointer { two.combine(elements: $0) }
        #expect(one.finalize() == two.finalize())
        var strings = ContentHasher(kind: "s")
        strings.combineColumn(named: "s", (0..<20_000).map { "row-\($0)" })
        #expect(strings.finalize() != one.finalize())
    }

    @Test func hexAndCodableRoundTrip() throws {
        let hash = try Matrix<Float>([[1]]).contentHash()
        #expect(ContentHash(hex: hash.hex) == hash)
        #expect(ContentHash(hex: hash.hex.uppercased()) == hash)
        #expect(ContentHash(hex: "xyz") == nil)
        #expect(ContentHash(hex: String(repeating: "g", count: 64)) == nil)
        #expect(ContentHash(bytes: [1, 2]) == nil)
        let json = try JSONEncoder().encode([hash])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(hash.hex)\"]")
        #expect(try JSONDecoder().decode([ContentHash].self, from: json) == [hash])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ContentHash].self, from: Data("[\"00\"]".utf8))
        }
    }
}

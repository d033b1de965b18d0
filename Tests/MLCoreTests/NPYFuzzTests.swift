import MLCore
import MLTesting
import Testing

/// Every truncation and every single-byte change of real NumPy files must either parse or
/// throw a ``DataFormatError``; none may trap (a trap would crash the test process).
@Suite struct NPYFuzzTests {
    static let files = ["f4_3x4.npy", "f8_scalar.npy", "i8_2x2.npy", "b1_4.npy", "f8_v2.npy", "f4_v3.npy"]
    let fixtures = FixtureLocator(testFile: #filePath)

    func original(_ name: String) throws -> [UInt8] {
        try fileBytes(fixtures.path("npy/\(name)"))
    }

    /// Parses `bytes`, returning whether it was accepted; any error other than DataFormatError fails the test.
    func parse(_ bytes: [UInt8], _ context: @autoclosure () -> String) -> Bool {
        do {
            _ = try NPYArray(npyBytes: bytes)
            return true
        } catch is DataFormatError {
            return false
        } catch {
            Issue.record("\(context()): unexpected error type \(error)")
            return false
        }
    }

    @Test(arguments: files)
    func everyTruncationIsRefused(name: String) throws {
        let bytes = try original(name)
        var refused = 0
        for length in 0..<bytes.count where !parse(Array(bytes.prefix(length)), "\(name) cut at \(length)") {
            refused += 1
        }
        #expect(refused == bytes.count)
    }

    @Test(arguments: files)
    func everySingleByteChangeOfTheHeaderParsesOrThrows(name: String) throws {
        let bytes = try original(name)
        let replacements: [UInt8] = Array("\0 \u{7f}(),'\"9-{}:LT\\[].e".utf8) + [0x80, 0xe9, 0xff, 0x0a]
        var accepted = 0
        for position in 0..<Swift.min(bytes.count, 128) {
            for value in replacements where value != bytes[position] {
                var mutated = bytes
                mutated[position] = value
                if parse(mutated, "\(name) byte \(position) = \(value)") { accepted += 1 }
            }
        }
        #expect(accepted > 0)  // e.g. changed padding spaces are harmless
    }
}

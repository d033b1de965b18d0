import MLCore
import MLTesting
import Testing

@Suite struct FileDigestTests {
    @Test func knownVectors() {
        // FIPS 180-2 test vectors.
        #expect(FileDigest.sha256Hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FileDigest.sha256Hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func missingFileThrowsIOError() {
        #expect(throws: DataFormatError.self) {
            try FileDigest.sha256Hex(ofFileAt: "/nonexistent/definitely/missing.csv")
        }
        do {
            _ = try FileDigest.sha256Hex(ofFileAt: "/nonexistent/definitely/missing.csv")
        } catch let e as DataFormatError {
            #expect(e.code == .io)
            #expect(e.path == "/nonexistent/definitely/missing.csv")
        } catch {
            Issue.record("wrong error type \(error)")
        }
    }
}

import MLCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator for reproducible test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh temporary directory (removed by the caller with `removeTemporaryDirectory`).
func makeTemporaryDirectory() throws -> String {
    var template = Array("/tmp/mlcore-csv-tests-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
        guard let base = buffer.baseAddress else { return false }
        return mkdtemp(base) != nil
    }
    guard made else { throw DataFormatError(.io, "mkdtemp failed") }
    return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func removeTemporaryDirectory(_ path: String) {
    guard path.hasPrefix("/tmp/mlcore-csv-tests-"), let dir = opendir(path) else { return }
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { unlink(path + "/" + name) }
    }
    closedir(dir)
    rmdir(path)
}

/// Writes `bytes` to `path`.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw DataFormatError(.io, "cannot create", path: path) }
    defer { close(fd) }
    let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard n == bytes.count else { throw DataFormatError(.io, "short write", path: path) }
}

/// Reads `text` with `reader` and returns the error it throws (records an issue if none).
func readError(_ text: String, _ reader: CSVReader = CSVReader(), sourceLocation: SourceLocation = #_sourceLocation)
    -> DataFormatError?
{
    #expect(throws: DataFormatError.self, sourceLocation: sourceLocation) { try reader.read(string: text) }
}

/// Whether two tables hold the same names, types and bit patterns (NaN payloads included).
func identicalBits(_ a: Table, _ b: Table) -> Bool {
    guard a.names == b.names, a.columns.count == b.columns.count else { return false }
    for (x, y) in zip(a.columns, b.columns) {
        switch (x, y) {
        case (.double(let u), .double(let v)):
            if u.map(\.bitPattern) != v.map(\.bitPattern) { return false }
        case (.float(let u), .float(let v)):
            if u.map(\.bitPattern) != v.map(\.bitPattern) { return false }
        case (.int(let u), .int(let v)):
            if u != v { return false }
        case (.string(let u), .string(let v)):
            if u != v { return false }
        default:
            return false
        }
    }
    return true
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines on stderr (FoundationEssentials has no file handles): the one platform shim of `mlctl`.
enum StandardError {
    /// Writes `text` and a newline (unless it ends with one), retrying short writes.
    static func writeLine(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeMutableBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
    }
}

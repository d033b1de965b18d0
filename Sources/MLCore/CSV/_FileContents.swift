#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into memory with POSIX `open`/`read` (no Foundation).
enum _FileContents {
    /// The bytes of the file at `path`.
    /// - Throws: ``DataFormatError`` with code `.io` (no path attached) when the file
    ///   cannot be opened or read, or is a directory.
    static func bytes(ofFileAt path: String) throws(DataFormatError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("cannot open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ioError("cannot stat") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DataFormatError(.io, "is a directory") }
        let announced = max(Int(info.st_size), 0)
        // Read the announced size into uninitialized memory (no zero-filling of large files),
        // then keep reading until EOF: the file may have grown, and pipes or /proc files
        // announce size 0.
        var failure: DataFormatError?
        var bytes = [UInt8](unsafeUninitializedCapacity: announced) { buffer, initialized in
            initialized = 0
            guard let start = buffer.baseAddress else { return }
            while initialized < announced {
                let n = read(fd, start + initialized, announced - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ioError("cannot read")
                    return
                }
                if n == 0 { return }
                initialized += n
            }
        }
        if let failure { throw failure }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let start = buffer.baseAddress else { return 0 }
                return read(fd, start, buffer.count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError("cannot read")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    private static func ioError(_ what: String) -> DataFormatError {
        DataFormatError(.io, "\(what): \(String(cString: strerror(errno)))")
    }
}

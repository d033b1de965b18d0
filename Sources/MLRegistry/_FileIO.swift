import Crypto
import MLCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// POSIX file operations the registry needs with explicit durability (fsync of files and
/// directories), turned into ``RegistryError`` at each call site.
enum _FileIO {
    static func errnoText() -> String { String(cString: strerror(errno)) }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws {
        if path.isEmpty || exists(path) { return }
        let parent = directory(of: path)
        if parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw RegistryError(.io, "cannot create directory: \(errnoText())", context: ["path": path])
        }
    }

    static func readAll(path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RegistryError(.io, "cannot open: \(errnoText())", context: ["path": path]) }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RegistryError(.io, "cannot read: \(errnoText())", context: ["path": path])
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    static func writeAll(fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw RegistryError(.io, "cannot write: \(errnoText())", context: ["path": path])
            }
            offset += n
        }
    }

    static func fsyncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    /// A unique temporary name in `directory`.
    static func temporaryPath(in directory: String, tag: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let suffix = String(rng.next() & 0xffff_ffff_ffff, radix: 16)
        return directory + "/.tmp-\(tag)-\(getpid())-\(suffix)"
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename, fsync
    /// of the directory. `mode` is the new file's permission bits.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, durable: Bool = true) throws {
        let dir = directory(of: path)
        let tmp = temporaryPath(in: dir, tag: "write")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw RegistryError(.io, "cannot create: \(errnoText())", context: ["path": tmp]) }
        do {
            try bytes.withUnsafeBytes { try writeAll(fd: fd, $0, path: tmp) }
            if durable && fsync(fd) != 0 {
                throw RegistryError(.io, "cannot fsync: \(errnoText())", context: ["path": tmp])
            }
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else {
            let text = errnoText()
            unlink(tmp)
            throw RegistryError(.io, "cannot rename into place: \(text)", context: ["path": path])
        }
        if durable { fsyncDirectory(dir) }
    }

    /// Copies `source` to `destination` while hashing the bytes written (SHA-256), with
    /// fsync when `durable`. Returns the hex digest and the byte count.
    static func copyHashing(from source: String, to destination: String, durable: Bool) throws -> (String, Int) {
        let input = open(source, O_RDONLY)
        guard input >= 0 else { throw RegistryError(.io, "cannot open: \(errnoText())", context: ["path": source]) }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard output >= 0 else {
            throw RegistryError(.io, "cannot create: \(errnoText())", context: ["path": destination])
        }
        var hasher = SHA256()
        var total = 0
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        do {
            while true {
                let n = read(input, buffer.baseAddress, chunk)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RegistryError(.io, "cannot read: \(errnoText())", context: ["path": source])
                }
                if n == 0 { break }
                let slice = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                hasher.update(bufferPointer: slice)
                try writeAll(fd: output, slice, path: destination)
                total += n
            }
            if durable && fsync(output) != 0 {
                throw RegistryError(.io, "cannot fsync: \(errnoText())", context: ["path": destination])
            }
            close(output)
        } catch {
            close(output)
            unlink(destination)
            throw error
        }
        return (hex(hasher.finalize()), total)
    }

    static func sha256(ofFileAt path: String) throws -> String {
        do {
            return try FileDigest.sha256Hex(ofFileAt: path)
        } catch let error as DataFormatError {
            throw RegistryError(.io, error.message, context: ["path": path])
        }
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}

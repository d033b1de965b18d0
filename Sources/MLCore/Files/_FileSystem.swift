/// Whole-file reading and atomic writing, once for the SDK (POSIX calls through
/// ``_Platform``, no Foundation). Each module turns a ``Failure`` into its own error type.
package enum _FileSystem {
    /// Why a file operation failed; ``message`` is what the modules put in their errors
    /// (`"cannot open: No such file or directory"`, `"is a directory"`, …).
    package struct Failure: Error, Sendable {
        /// What went wrong.
        package enum Kind: Sendable, Equatable {
            /// A system call failed (``message`` holds its name and the `errno` text).
            case system
            /// The path names a directory.
            case directory
            /// The path names something other than a regular file (with ``Rejecting/nonRegularFiles``).
            case notRegularFile
            /// The file is larger than the limit the caller set.
            case tooLarge
        }

        package let kind: Kind
        package let message: String
        /// The path the failing call was given (a temporary file's during atomic writes).
        package let path: String

        package init(_ kind: Kind, _ message: String, path: String) {
            self.kind = kind
            self.message = message
            self.path = path
        }

        static func system(_ what: String, path: String) -> Failure {
            Failure(.system, "\(what): \(_Platform.errnoText())", path: path)
        }
    }

    /// Which files ``readBytes(atPath:rejecting:maximumSize:)`` refuses before reading.
    package enum Rejecting: Sendable {
        /// Directories (pipes and `/proc` files are read to their end).
        case directories
        /// Everything but regular files.
        case nonRegularFiles
    }

    /// The bytes of the file at `path`.
    ///
    /// Reads the announced size into uninitialized memory (no zero-filling of large files),
    /// then keeps reading until end of file: the file may have grown, and pipes or `/proc`
    /// files announce size 0.
    /// - Throws: ``Failure`` when the file cannot be opened, examined or read, is refused by
    ///   `rejecting`, or has more than `maximumSize` bytes.
    package static func readBytes(
        atPath path: String, rejecting: Rejecting = .directories, maximumSize: Int = .max
    ) throws(Failure) -> [UInt8] {
        let fd = _Platform.openForReading(path)
        guard fd >= 0 else { throw .system("cannot open", path: path) }
        defer { _Platform.closeFile(fd) }
        guard let status = _Platform.status(of: fd) else { throw .system("cannot stat", path: path) }
        switch (status.kind, rejecting) {
        case (.directory, .directories): throw Failure(.directory, "is a directory", path: path)
        case (.regular, _), (_, .directories): break
        default: throw Failure(.notRegularFile, "not a regular file", path: path)
        }
        guard status.size <= maximumSize else { throw tooLarge(path) }
        let announced = status.size
        var failure: Failure?
        var bytes = [UInt8](unsafeUninitializedCapacity: announced) { buffer, initialized in
            initialized = 0
            guard let start = buffer.baseAddress else { return }
            while initialized < announced {
                let n = _Platform.readSome(fd, into: start + initialized, count: announced - initialized)
                if n < 0 {
                    if _Platform.wasInterrupted { continue }
                    failure = .system("cannot read", path: path)
                    return
                }
                if n == 0 { return }
                initialized += n
            }
        }
        if let failure { throw failure }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { _Platform.readSome(fd, into: $0.baseAddress, count: $0.count) }
            if n < 0 {
                if _Platform.wasInterrupted { continue }
                throw .system("cannot read", path: path)
            }
            if n == 0 { break }
            guard bytes.count + n <= maximumSize else { throw tooLarge(path) }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    private static func tooLarge(_ path: String) -> Failure {
        Failure(.tooLarge, "file is larger than the limit", path: path)
    }

    /// Writes all of `bytes` to `fd`, retrying short and interrupted writes.
    /// - Throws: ``Failure`` `"cannot write: …"` naming `path`.
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: _Platform.FileDescriptor, path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = _Platform.writeSome(fd, from: bytes.baseAddress.map { $0 + offset }, count: bytes.count - offset)
            if n < 0 {
                if _Platform.wasInterrupted { continue }
                throw .system("cannot write", path: path)
            }
            offset += n
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, `fsync` when
    /// `durable`, `rename` over the target, then `fsync` of the directory when `durable`.
    /// A reader never sees half a file. `mode` is the new file's permission bits.
    /// - Throws: ``Failure`` naming the temporary file (create, write, fsync) or `path` (rename).
    package static func writeAtomically(
        _ bytes: [UInt8], to path: String, mode: UInt32 = 0o644, durable: Bool = true
    ) throws(Failure) {
        let dir = directory(of: path)
        let tmp = temporaryPath(in: dir, tag: "write")
        let fd = _Platform.openForWriting(tmp, mode: mode, exclusive: true)
        guard fd >= 0 else { throw .system("cannot create", path: tmp) }
        do throws(Failure) {
            let written = bytes.withUnsafeBytes { raw in Result { () throws(Failure) in try writeAll(raw, to: fd, path: tmp) } }
            try written.get()
            if durable && !_Platform.synchronize(fd) { throw .system("cannot fsync", path: tmp) }
            _Platform.closeFile(fd)
        } catch {
            _Platform.closeFile(fd)
            _Platform.removeFile(tmp)
            throw error
        }
        guard _Platform.renameFile(tmp, to: path) else {
            let failure = Failure.system("cannot rename into place", path: path)
            _Platform.removeFile(tmp)
            throw failure
        }
        if durable { synchronizeDirectory(dir) }
    }

    /// `fsync` of a directory (after a rename or a new file in it), best effort.
    package static func synchronizeDirectory(_ path: String) {
        let fd = _Platform.openForReading(path)
        if fd >= 0 {
            _ = _Platform.synchronize(fd)
            _Platform.closeFile(fd)
        }
    }

    /// `mkdir -p`.
    /// - Throws: ``Failure`` `"cannot create directory: …"` naming the directory that failed.
    package static func makeDirectories(_ path: String) throws(Failure) {
        if path.isEmpty || _Platform.kind(ofPath: path) != .missing { return }
        let parent = directory(of: path)
        if parent != path { try makeDirectories(parent) }
        if !_Platform.makeDirectory(path) && !_Platform.alreadyExisted {
            throw .system("cannot create directory", path: path)
        }
    }

    /// A unique temporary name in `directory`: `.tmp-<tag>-<pid>-<random hex>`.
    package static func temporaryPath(in directory: String, tag: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let suffix = String(rng.next() & 0xffff_ffff_ffff, radix: 16)
        return directory + "/.tmp-\(tag)-\(_Platform.processID)-\(suffix)"
    }

    /// The directory part of `path` (`"."` when there is none, `"/"` for the root).
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    package static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

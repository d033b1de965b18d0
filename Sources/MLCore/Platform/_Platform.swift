#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CLinearAlgebra

// The C library, imported once. The library modules reach the system (files, clocks,
// processes, standard error) through ``_Platform`` and the math library through ``_Math``;
// only the BSD-socket code of the load generator (MLLoadTest) and of MLTesting's raw HTTP
// client imports it itself: sockets are no part of the numerics core, and those two must stay
// off swift-nio (the generator measures the server's stack, the raw client sends malformed bytes).

/// System calls the SDK makes, named for what they do, with `errno` read right after the call.
package enum _Platform {
    /// A file descriptor, as POSIX returns it (negative on failure).
    package typealias FileDescriptor = Int32

    /// The current `errno`.
    package static var errorNumber: Int32 { errno }

    /// The text of `errno` (as `strerror` gives it), for messages.
    package static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Whether the last call failed only because a signal interrupted it (retry it).
    package static var wasInterrupted: Bool { errno == EINTR }

    /// Whether the last call failed because the path already exists.
    package static var alreadyExisted: Bool { errno == EEXIST }

    // MARK: Files

    /// What stands at a path.
    package enum FileKind: Sendable, Equatable {
        case missing, regular, directory, other
    }

    /// What stands at `path` (following links).
    package static func kind(ofPath path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return kind(ofMode: info.st_mode)
    }

    /// Whether anything stands at `path`.
    package static func exists(_ path: String) -> Bool { kind(ofPath: path) != .missing }

    /// Whether `path` names a regular file (following links).
    package static func isRegularFile(_ path: String) -> Bool { kind(ofPath: path) == .regular }

    /// The kind and size of the open file `fd`, or `nil` when `fstat` fails.
    package static func status(of fd: FileDescriptor) -> (kind: FileKind, size: Int)? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return (kind(ofMode: info.st_mode), max(Int(info.st_size), 0))
    }

    private static func kind(ofMode mode: mode_t) -> FileKind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// `open(path, O_RDONLY | O_CLOEXEC)`.
    package static func openForReading(_ path: String) -> FileDescriptor {
        open(path, O_RDONLY | O_CLOEXEC)
    }

    /// Opens `path` for writing: created with `mode` (must not exist when `exclusive`,
    /// truncated otherwise).
    package static func openForWriting(_ path: String, mode: UInt32 = 0o644, exclusive: Bool) -> FileDescriptor {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        return open(path, flags, mode_t(mode))
    }

    /// `close(fd)`; false on failure.
    @discardableResult
    package static func closeFile(_ fd: FileDescriptor) -> Bool { close(fd) == 0 }

    /// `memchr`: the first `byte` in the `count` bytes at `start`, or `nil`.
    @inline(__always)
    package static func firstByte(_ byte: UInt8, in start: UnsafeRawPointer, count: Int) -> UnsafeMutableRawPointer? {
        memchr(start, Int32(byte), count)
    }

    /// One `read` into `buffer` (bytes read, 0 at end of file, negative on failure).
    package static func readSome(_ fd: FileDescriptor, into buffer: UnsafeMutableRawPointer?, count: Int) -> Int {
        read(fd, buffer, count)
    }

    /// One `pread` at `offset` (bytes read, 0 at end of file, negative on failure).
    package static func readSome(
        _ fd: FileDescriptor, into buffer: UnsafeMutableRawPointer?, count: Int, at offset: Int
    ) -> Int {
        pread(fd, buffer, count, off_t(offset))
    }

    /// Tells the kernel `fd` will be read sequentially (`posix_fadvise`; advisory, Linux only).
    package static func adviseSequentialReading(_ fd: FileDescriptor) {
        #if os(Linux)
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    /// Asks Linux to back a large, freshly allocated buffer with transparent huge pages before
    /// it is first written. Faulting in 4 KiB pages one by one (and zeroing each) otherwise
    /// costs more than copying the data itself: about 50 000 faults for 200 MB. Advisory
    /// only; errors are ignored (and the call is skipped on other systems and for buffers
    /// under 4 MiB).
    package static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            let hugePage = 2 << 20
            guard buffer.count >= 2 * hugePage, let base = buffer.baseAddress else { return }
            let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
            let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// One `write` from `buffer` (bytes written, negative on failure).
    package static func writeSome(_ fd: FileDescriptor, from buffer: UnsafeRawPointer?, count: Int) -> Int {
        write(fd, buffer, count)
    }

    /// A new pipe: its read end and its write end, or `nil`.
    package static func makePipe() -> (read: FileDescriptor, write: FileDescriptor)? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        return (ends[0], ends[1])
    }

    /// `fsync(fd)`; false on failure.
    package static func synchronize(_ fd: FileDescriptor) -> Bool { fsync(fd) == 0 }

    /// `rename(from, to)`; false on failure.
    package static func renameFile(_ from: String, to: String) -> Bool { rename(from, to) == 0 }

    /// `unlink(path)`; false on failure.
    @discardableResult
    package static func removeFile(_ path: String) -> Bool { unlink(path) == 0 }

    /// `mkdir(path, mode)`; false on failure (see ``alreadyExisted``).
    package static func makeDirectory(_ path: String, mode: UInt32 = 0o755) -> Bool {
        mkdir(path, mode_t(mode)) == 0
    }

    /// The last modification time of `path` in whole seconds since the epoch, or `nil`.
    package static func modificationSeconds(ofPath path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            return Int(info.st_mtimespec.tv_sec)
        #else
            return Int(info.st_mtim.tv_sec)
        #endif
    }

    /// Opens (creating it with `mode` when missing) `path` for reading and writing.
    package static func openForUpdating(_ path: String, mode: UInt32 = 0o644) -> FileDescriptor {
        open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode_t(mode))
    }

    /// Takes an exclusive `flock` on `fd`, waiting for it (retried when interrupted); false on failure.
    package static func lockExclusively(_ fd: FileDescriptor) -> Bool {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// Releases the `flock` on `fd`.
    package static func unlock(_ fd: FileDescriptor) { _ = flock(fd, LOCK_UN) }

    /// `rmdir(path)` (the directory must be empty); false on failure.
    @discardableResult
    package static func removeDirectory(_ path: String) -> Bool { rmdir(path) == 0 }

    /// A new directory named `prefix` plus six random characters (`mkdtemp`), or `nil`.
    package static func makeTemporaryDirectory(prefix: String) -> String? {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { return nil }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in the directory at `path` (without `.` and `..`), or `nil` when it cannot be read.
    package static func directoryEntries(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The process's working directory, or `nil`.
    /// Hints the CPU to start loading the cache line at `address` (no effect on results): for
    /// loops that gather rows in an order the hardware prefetcher cannot guess.
    @inlinable @inline(__always) package static func prefetch(_ address: UnsafeRawPointer) { mlops_prefetch(address) }

    /// Whether `fd` is a terminal (`isatty`): progress bars only there.
    package static func isTerminal(_ fd: FileDescriptor) -> Bool { isatty(fd) == 1 }

    package static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Process and clocks

    /// This process's id.
    package static var processID: Int32 { getpid() }

    /// The environment variable `name`, or `nil` when unset.
    package static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The number of online processors (`sysconf(_SC_NPROCESSORS_ONLN)`), `nil` if unknown.
    package static var onlineProcessors: Int? {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? Int(n) : nil
    }

    /// `uname` fields: (sysname, release, machine), `nil` when the call fails.
    package static func systemName() -> (system: String, release: String, machine: String)? {
        var info = utsname()
        guard uname(&info) == 0 else { return nil }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
        }
        return (text(info.sysname), text(info.release), text(info.machine))
    }

    /// Loads the shared library `library` (`dlopen`), calls its function `symbol` of C type
    /// `const char *(void)` and returns the text, or `nil` when the library, the symbol or
    /// the text is missing. The library is closed again.
    package static func callStringFunction(_ symbol: String, inLibrary library: String) -> String? {
        typealias Function = @convention(c) () -> UnsafePointer<CChar>?
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else { return nil }
        defer { dlclose(handle) }
        guard let address = dlsym(handle, symbol) else { return nil }
        let function = unsafeBitCast(address, to: Function.self)
        guard let text = function() else { return nil }
        return String(cString: text)  // copied before dlclose
    }

    /// Sleeps for `microseconds`.
    package static func sleep(microseconds: Int) { _ = usleep(UInt32(clamping: microseconds)) }

    /// Nanoseconds on the monotonic clock (for durations).
    package static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// CPU time the calling thread has used, in nanoseconds (for CPU-per-operation figures).
    package static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Writes all of `bytes` to standard error, retrying short and interrupted writes; stops
    /// quietly when the stream is closed (a log line is not worth failing for).
    package static func writeToStandardError(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let n = write(2, base + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// A UTC calendar date and time: `month` 0–11, `weekday` 0–6 from Sunday (as `gmtime_r`).
    package struct UTCParts: Sendable, Equatable {
        package var year, month, day, hour, minute, second, weekday: Int
    }

    /// `secondsSince1970` broken down in UTC, or `nil` when the C library cannot represent it.
    package static func utcParts(secondsSince1970 seconds: Int) -> UTCParts? {
        var t = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil else { return nil }
        return UTCParts(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon), day: Int(parts.tm_mday),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec), weekday: Int(parts.tm_wday))
    }

    /// The wall clock: whole seconds since the Unix epoch and the nanoseconds past them.
    package static func wallClock() -> (seconds: Int, nanoseconds: Int) {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return (Int(ts.tv_sec), Int(ts.tv_nsec))
    }
}

/// The math library (`libm`) functions the SDK calls, in one place.
///
/// `@inlinable` so that optimized clients call `libm` directly, as they did when they imported it.
package enum _Math {
    @inlinable package static func exp(_ x: Double) -> Double { _libmExp(x) }
    @inlinable package static func exp(_ x: Float) -> Float { _libmExpf(x) }
    @inlinable package static func log(_ x: Double) -> Double { _libmLog(x) }
    @inlinable package static func log(_ x: Float) -> Float { _libmLogf(x) }
    @inlinable package static func log1p(_ x: Double) -> Double { _libmLog1p(x) }
    @inlinable package static func log10(_ x: Double) -> Double { _libmLog10(x) }
    @inlinable package static func pow(_ x: Double, _ y: Double) -> Double { _libmPow(x, y) }
    @inlinable package static func pow(_ x: Float, _ y: Float) -> Float { _libmPowf(x, y) }
    @inlinable package static func tanh(_ x: Double) -> Double { _libmTanh(x) }
    @inlinable package static func tanh(_ x: Float) -> Float { _libmTanhf(x) }
    @inlinable package static func lgamma(_ x: Double) -> Double { _libmLgamma(x) }
    @inlinable package static func erfc(_ x: Double) -> Double { _libmErfc(x) }
    @inlinable package static func scalbn(_ x: Double, _ n: Int) -> Double { _libmScalbn(x, n) }
    /// C `fmaxf`: the larger of two floats, the other one when one is NaN.
    @inlinable package static func fmax(_ x: Float, _ y: Float) -> Float { _libmFmaxf(x, y) }
}

// File-scope forwarders: inside `_Math` the plain names would mean its own members.
@inlinable func _libmExp(_ x: Double) -> Double { exp(x) }
@inlinable func _libmExpf(_ x: Float) -> Float { expf(x) }
@inlinable func _libmLog(_ x: Double) -> Double { log(x) }
@inlinable func _libmLogf(_ x: Float) -> Float { logf(x) }
@inlinable func _libmLog1p(_ x: Double) -> Double { log1p(x) }
@inlinable func _libmLog10(_ x: Double) -> Double { log10(x) }
@inlinable func _libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable func _libmPowf(_ x: Float, _ y: Float) -> Float { powf(x, y) }
@inlinable func _libmTanh(_ x: Double) -> Double { tanh(x) }
@inlinable func _libmTanhf(_ x: Float) -> Float { tanhf(x) }
@inlinable func _libmLgamma(_ x: Double) -> Double { lgamma(x) }
@inlinable func _libmErfc(_ x: Double) -> Double { erfc(x) }
@inlinable func _libmScalbn(_ x: Double, _ n: Int) -> Double { scalbn(x, Int32(clamping: n)) }
@inlinable func _libmFmaxf(_ x: Float, _ y: Float) -> Float { fmaxf(x, y) }

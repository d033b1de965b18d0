import Crypto
import MLCore

/// The registry's file operations: MLCore's ``_FileSystem`` with its failures turned into
/// ``RegistryError`` `.io` naming the path, plus the hashing copy artifacts are stored with.
enum _FileIO {
    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws {
        do { try _FileSystem.makeDirectories(path) } catch { throw registryError(error) }
    }

    static func readAll(path: String) throws -> [UInt8] {
        do { return try _FileSystem.readBytes(atPath: path) } catch { throw registryError(error) }
    }

    /// Writes `bytes` to `path` atomically (see ``_FileSystem/writeAtomically(_:to:mode:durable:)``).
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o644, durable: Bool = true) throws {
        do {
            try _FileSystem.writeAtomically(bytes, to: path, mode: mode, durable: durable)
        } catch {
            throw registryError(error)
        }
    }

    /// Copies `source` to `destination` while hashing the bytes written (SHA-256), with
    /// fsync when `durable`. Returns the hex digest and the byte count.
    static func copyHashing(from source: String, to destination: String, durable: Bool) throws -> (String, Int) {
        let input = _Platform.openForReading(source)
        guard input >= 0 else {
            throw RegistryError(.io, "cannot open: \(_Platform.errnoText())", context: ["path": source])
        }
        defer { _Platform.closeFile(input) }
        let output = _Platform.openForWriting(destination, exclusive: true)
        guard output >= 0 else {
            throw RegistryError(.io, "cannot create: \(_Platform.errnoText())", context: ["path": destination])
        }
        var hasher = SHA256()
        var total = 0
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        do {
            while true {
                let n = _Platform.readSome(input, into: buffer.baseAddress, count: chunk)
                if n < 0 {
                    if _Platform.wasInterrupted { continue }
                    throw RegistryError(.io, "cannot read: \(_Platform.errnoText())", context: ["path": source])
                }
                if n == 0 { break }
                let slice = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                hasher.update(bufferPointer: slice)
                do { try _FileSystem.writeAll(slice, to: output, path: destination) } catch { throw registryError(error) }
                total += n
            }
            if durable && !_Platform.synchronize(output) {
                throw RegistryError(.io, "cannot fsync: \(_Platform.errnoText())", context: ["path": destination])
            }
            _Platform.closeFile(output)
        } catch {
            _Platform.closeFile(output)
            _Platform.removeFile(destination)
            throw error
        }
        return (_SHA256Hex.hex(hasher.finalize()), total)
    }

    static func sha256(ofFileAt path: String) throws -> String {
        do {
            return try FileDigest.sha256Hex(ofFileAt: path)
        } catch let error as DataFormatError {
            throw RegistryError(.io, error.message, context: ["path": path])
        }
    }

    private static func registryError(_ failure: _FileSystem.Failure) -> RegistryError {
        RegistryError(.io, failure.message, context: ["path": failure.path])
    }
}

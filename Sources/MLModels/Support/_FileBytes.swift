import MLCore

/// Reads whole model files into memory (through MLCore's ``_FileSystem``).
enum _FileBytes {
    /// Largest model file accepted (4 GiB).
    static let maximumSize = 1 << 32

    /// The bytes of the file at `path`.
    /// - Throws: ``ModelLoadingError`` `.io` when it cannot be opened or read or is not a
    ///   regular file, `.limitExceeded` when it is larger than ``maximumSize``.
    static func contents(of path: String) throws -> [UInt8] {
        do {
            return try _FileSystem.readBytes(atPath: path, rejecting: .nonRegularFiles, maximumSize: maximumSize)
        } catch where error.kind == .tooLarge {
            throw ModelLoadingError(.limitExceeded, "file is larger than 4 GiB", path: path)
        } catch {
            throw ModelLoadingError(.io, error.message, path: path)
        }
    }
}

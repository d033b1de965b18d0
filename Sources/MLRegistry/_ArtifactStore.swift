import MLCore
/// The content-addressed artifact store: `<root>/sha256/ab/cdef…` (the first two hex digits
/// name the folder, the other 62 the file). Files are written to `<root>/tmp`, fsynced and
/// renamed into place, so a reader never sees half a file; a process killed mid-copy
/// leaves at most a temporary file, which ``removeStaleTemporaries(olderThan:)`` clears.
struct _ArtifactStore: Sendable {
    let root: String
    let durable: Bool

    func path(forSHA256 sha: String) -> String {
        let prefix = sha.prefix(2)
        return root + "/sha256/" + prefix + "/" + sha.dropFirst(2)
    }

    /// Copies the file at `source` into the store and returns its SHA-256 and size.
    func store(fileAt source: String) throws -> (sha256: String, size: Int) {
        guard _Platform.isRegularFile(source) else {
            throw RegistryError(
                .invalidInput, _Platform.exists(source) ? "not a regular file" : "no such file",
                context: ["path": source])
        }
        let tmpDir = root + "/tmp"
        try _FileIO.makeDirectories(tmpDir)
        let tmp = _FileSystem.temporaryPath(in: tmpDir, tag: "artifact")
        let (sha, size) = try _FileIO.copyHashing(from: source, to: tmp, durable: durable)
        let final = path(forSHA256: sha)
        let dir = _FileSystem.directory(of: final)
        do {
            try _FileIO.makeDirectories(dir)
            if _Platform.isRegularFile(final), (try? _FileIO.sha256(ofFileAt: final)) == sha {
                _Platform.removeFile(tmp)  // the same bytes are already stored
                return (sha, size)
            }
            guard _Platform.renameFile(tmp, to: final) else {
                throw RegistryError(.io, "cannot rename into place: \(_Platform.errnoText())", context: ["path": final])
            }
        } catch {
            _Platform.removeFile(tmp)
            throw error
        }
        if durable { _FileSystem.synchronizeDirectory(dir) }
        return (sha, size)
    }

    /// The artifact's bytes, read once and checked against `sha256` and `size`.
    /// - Throws: `.artifactCorrupt` when missing or when the bytes differ.
    func verifiedBytes(sha256 sha: String, size: Int) throws -> [UInt8] {
        let path = path(forSHA256: sha)
        guard _Platform.isRegularFile(path) else {
            throw RegistryError(.artifactCorrupt, "artifact file is missing", context: ["path": path, "sha256": sha])
        }
        let bytes = try _FileIO.readAll(path: path)
        let actual = _SHA256Hex.digest(of: bytes)
        guard actual == sha, bytes.count == size else {
            throw RegistryError(
                .artifactCorrupt, "artifact bytes do not match the recorded SHA-256 (got \(actual), \(bytes.count) bytes)",
                context: ["path": path, "sha256": sha])
        }
        return bytes
    }

    /// Checks the stored file's hash by streaming it.
    /// - Throws: `.artifactCorrupt` when missing or when the bytes differ.
    func verify(sha256 sha: String) throws {
        let path = path(forSHA256: sha)
        guard _Platform.isRegularFile(path) else {
            throw RegistryError(.artifactCorrupt, "artifact file is missing", context: ["path": path, "sha256": sha])
        }
        let actual = try _FileIO.sha256(ofFileAt: path)
        guard actual == sha else {
            throw RegistryError(
                .artifactCorrupt, "artifact bytes do not match the recorded SHA-256 (got \(actual))",
                context: ["path": path, "sha256": sha])
        }
    }

    /// Every stored digest (file names that are not 62 hex digits are ignored).
    func storedDigests() -> Set<String> {
        var out: Set<String> = []
        let base = root + "/sha256"
        for prefix in Self.list(base) where prefix.utf8.count == 2 {
            for rest in Self.list(base + "/" + prefix) {
                let sha = prefix + rest
                if _SHA256Hex.isDigest(sha) { out.insert(sha) }
            }
        }
        return out
    }

    /// Removes temporary files older than `seconds` (left by killed processes); returns how many.
    func removeStaleTemporaries(olderThan seconds: Int) -> Int {
        let dir = root + "/tmp"
        var removed = 0
        let now = _Platform.wallClock().seconds
        for name in Self.list(dir) where name.hasPrefix(".tmp-") {
            let path = dir + "/" + name
            guard let modified = _Platform.modificationSeconds(ofPath: path) else { continue }
            if now - modified >= seconds, _Platform.removeFile(path) {
                removed += 1
            }
        }
        return removed
    }

    static func list(_ dir: String) -> [String] {
        _Platform.directoryEntries(dir) ?? []
    }
}

import MLCore

/// Whole-file reads and atomic writes of the evaluation tools' small files (reports, rules,
/// calibrators), with failures as ``EvaluationError`` naming the path: the one copy behind
/// MLValidation's `TextFile` and MLCalibration's `CalibratorFile`.
package enum _InputFiles {
    /// The bytes of the file at `path`.
    /// - Throws: ``EvaluationError`` `.unreadableFile` when it is missing or unreadable,
    ///   `.emptyInput` when it is empty.
    package static func bytes(at path: String) throws(EvaluationError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try _FileSystem.readBytes(atPath: path)
        } catch {
            throw EvaluationError(.unreadableFile, "cannot read the file (missing or not readable)", path: path)
        }
        guard !bytes.isEmpty else { throw EvaluationError(.emptyInput, "the file is empty", path: path) }
        return bytes
    }

    /// Writes `bytes` to `path`, replacing the file atomically (`durable`: fsync'd before the
    /// rename).
    /// - Throws: ``EvaluationError`` `.writeFailed` naming the path.
    package static func write(_ bytes: [UInt8], to path: String, durable: Bool = false) throws(EvaluationError) {
        do throws(_FileSystem.Failure) {
            try _FileSystem.writeAtomically(bytes, to: path, durable: durable)
        } catch {
            throw EvaluationError(.writeFailed, "cannot write the file: \(error.message)", path: path)
        }
    }
}

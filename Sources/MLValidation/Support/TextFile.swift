import FoundationEssentials
import MLMetrics
import MLCore

/// Reads and writes the small text files of the validation tools (reports, rules, calibrators).
///
/// A thin public front over MLCore's file helper (one implementation of whole-file reading
/// and atomic writing for the SDK), with failures as ``EvaluationError``.
public enum TextFile {
    /// Writes `text` as UTF-8 to `path`, replacing the file atomically.
    /// - Throws: ``EvaluationError`` `.writeFailed` naming the path.
    public static func write(_ text: String, to path: String) throws {
        do {
            try _FileSystem.writeAtomically(Array(text.utf8), to: path, durable: false)
        } catch {
            throw EvaluationError(.writeFailed, "cannot write the file: \(error.message)", path: path)
        }
    }

    /// The bytes of the file at `path`.
    /// - Throws: ``EvaluationError`` `.unreadableFile` naming the path when it is missing or
    ///   unreadable, `.emptyInput` when it is empty.
    public static func bytes(at path: String) throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try _FileSystem.readBytes(atPath: path)
        } catch {
            throw EvaluationError(.unreadableFile, "cannot read the file (missing or not readable)", path: path)
        }
        guard !bytes.isEmpty else { throw EvaluationError(.emptyInput, "the file is empty", path: path) }
        return bytes
    }
}

import FoundationEssentials
import MLMetrics

/// Reads and writes the small text files of the validation tools (reports, rules, calibrators).
public enum TextFile {
    /// Writes `text` as UTF-8 to `path`, replacing the file atomically.
    /// - Throws: ``EvaluationError`` `.writeFailed` naming the path.
    public static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw EvaluationError(.writeFailed, "cannot write the file: \(error)", path: path)
        }
    }

    /// The bytes of the file at `path`.
    /// - Throws: ``EvaluationError`` `.unreadableFile` naming the path when it is missing or
    ///   unreadable, `.emptyInput` when it is empty.
    public static func bytes(at path: String) throws -> [UInt8] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EvaluationError(.unreadableFile, "cannot read the file (missing or not readable)", path: path)
        }
        guard !data.isEmpty else { throw EvaluationError(.emptyInput, "the file is empty", path: path) }
        return [UInt8](data)
    }
}

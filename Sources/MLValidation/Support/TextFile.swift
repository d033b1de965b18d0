import MLMetrics

/// Reads and writes the small text files of the validation tools (reports, rules, calibrators).
///
/// A thin public front over the one reader/writer of these files (MLMetrics' `_InputFiles`,
/// which MLCalibration's `CalibratorFile` uses too), with failures as ``EvaluationError``.
public enum TextFile {
    /// Writes `text` as UTF-8 to `path`, replacing the file atomically.
    /// - Throws: ``EvaluationError`` `.writeFailed` naming the path.
    public static func write(_ text: String, to path: String) throws {
        try _InputFiles.write(Array(text.utf8), to: path)
    }

    /// The bytes of the file at `path`.
    /// - Throws: ``EvaluationError`` `.unreadableFile` naming the path when it is missing or
    ///   unreadable, `.emptyInput` when it is empty.
    public static func bytes(at path: String) throws -> [UInt8] {
        try _InputFiles.bytes(at: path)
    }
}

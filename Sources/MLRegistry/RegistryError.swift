/// An error from the model registry: what went wrong (a matchable ``Code``), a message
/// that says it in words, and context (model, version, alias, file, column) where known.
///
/// ```swift
/// do {
///     _ = try registry.setAlias("champion", model: "fraud", version: 12)
/// } catch let error as RegistryError where error.code == .gateFailed {
///     print(error.message)   // "version 12 of 'fraud' has no passing 'calibration' evidence"
/// }
/// ```
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, matchable.
    public enum Code: String, Sendable, Equatable, Codable, CaseIterable {
        /// A model, version, alias, run, experiment, deployment or the registry itself does not exist.
        case notFound = "not_found"
        /// An argument or an input file is malformed or out of range.
        case invalidInput = "invalid_input"
        /// The request contradicts the registry's state (an alias on an archived version,
        /// archiving or deleting a version that an alias or a deployment still uses).
        case conflict
        /// A gated move (``ModelRegistry/setAlias(_:model:version:actor:reason:override:)``
        /// to a gated alias, promotion to production) found evidence missing or failed.
        case gateFailed = "gate_failed"
        /// An artifact is missing, or its bytes no longer hash to the recorded SHA-256.
        case artifactCorrupt = "artifact_corrupt"
        /// An Ed25519 signature does not verify, is missing where required, or comes from an
        /// untrusted or unreadable key.
        case signatureInvalid = "signature_invalid"
        /// A database row cannot be decoded (a wrong type, malformed JSON): the file was
        /// edited or damaged outside the registry.
        case corruptRecord = "corrupt_record"
        /// SQLite failed: not a database, locked for longer than the busy timeout, disk full.
        case database
        /// A file-system operation failed (open, read, write, fsync, rename).
        case io
    }

    /// What went wrong.
    public let code: Code
    /// Human-readable detail, one sentence.
    public let message: String
    /// Where it happened: `model`, `version`, `alias`, `path`, `table`, `column`, … by name.
    public var context: [String: String]

    /// Creates an error.
    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// The message followed by the context in key order, e.g.
    /// `no version 9 of 'fraud' (model=fraud, version=9)`.
    public var description: String {
        if context.isEmpty { return message }
        let pairs = context.keys.sorted().map { "\($0)=\(context[$0] ?? "")" }
        return message + " (" + pairs.joined(separator: ", ") + ")"
    }
}

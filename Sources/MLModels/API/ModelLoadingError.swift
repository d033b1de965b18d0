/// An error loading a model file: what is wrong and where.
///
/// Every loader in MLModels throws this one type. The location fields are filled where they
/// are known: the `file`, the 0-based `tree` and `node` (in the file's own numbering), the
/// JSON/UBJSON `key` path or LightGBM `key`, and a byte `offset` or 1-based `line`.
/// A malformed file always ends in this error, never in a crash.
public struct ModelLoadingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, matchable.
    public enum Code: String, Sendable, Equatable, Codable {
        /// The file could not be opened or read.
        case io
        /// The content matches no supported format (or not the format that was asked for).
        case unrecognizedFormat
        /// The bytes do not follow the format's syntax (JSON, UBJSON, LightGBM text).
        case malformed
        /// A required key or field is absent.
        case missingKey
        /// A value has the wrong type or is out of its allowed range (a NaN leaf, a negative count).
        case invalidValue
        /// Values disagree with each other (array lengths, class counts, child indices, cycles).
        case inconsistent
        /// A well-formed feature this loader does not support (an objective, a booster, an op).
        case unsupported
        /// A safety limit was exceeded (nesting depth, tree depth, sizes).
        case limitExceeded
    }

    /// What went wrong.
    public let code: Code
    /// Human-readable detail.
    public let message: String
    /// The file, when the model came from one.
    public var file: String?
    /// 0-based tree index, when the problem is inside a tree.
    public var tree: Int?
    /// 0-based node index inside `tree`, in the file's numbering.
    public var node: Int?
    /// The key (or key path) involved.
    public var key: String?
    /// Byte offset in the file (JSON/UBJSON syntax errors).
    public var offset: Int?
    /// 1-based line (LightGBM text).
    public var line: Int?

    /// Creates an error; location fields default to unknown.
    public init(
        _ code: Code, _ message: String, file: String? = nil, tree: Int? = nil, node: Int? = nil,
        key: String? = nil, offset: Int? = nil, line: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.tree = tree
        self.node = node
        self.key = key
        self.offset = offset
        self.line = line
    }

    /// The same error with the file path attached (kept if already set).
    public func at(file path: String) -> ModelLoadingError {
        var copy = self
        if copy.file == nil { copy.file = path }
        return copy
    }

    public var description: String {
        var location: [String] = []
        if let file { location.append(file) }
        if let line { location.append("line \(line)") }
        if let offset { location.append("byte \(offset)") }
        if let tree { location.append("tree \(tree)") }
        if let node { location.append("node \(node)") }
        if let key { location.append("key '\(key)'") }
        let prefix = location.isEmpty ? "" : location.joined(separator: ", ") + ": "
        return prefix + message
    }
}

/// The code of an ``MLError``: a stable, matchable name for what went wrong.
///
/// Each module declares its codes as a `String`-backed enum conforming to this protocol and
/// names its error `MLError<ItsCode>`, e.g.
/// `public typealias DataFormatError = MLError<DataFormatErrorCode>`. The raw value is what
/// reports and HTTP bodies print.
public protocol MLErrorCode: RawRepresentable, Sendable, Hashable, Codable where RawValue == String {}

/// An error about data that came from outside — a file, a request, a configuration, a
/// caller's arrays: what went wrong (``code``), why (``message``) and where (the location
/// fields that apply).
///
/// Every module throws this one shape under its own name (``DataFormatError``,
/// ``LinearAlgebraError``, `ModelLoadingError`, `MetricError`, …), so `catch let e as
/// ModelLoadingError` still tells the modules apart, and a new module adds a code enum, not
/// another error struct. Location fields are filled where they are known and printed by
/// ``description`` in a fixed order: `path:line, column 2, byte 118, tree 4, node 7,
/// key 'learner', field 'age', argument 'scores', index 12: message` (`line 3` without a path).
///
/// ```swift
/// do { _ = try CSVReader().read(contentsOf: "data.csv") }
/// catch let error as DataFormatError where error.code == .raggedRow {
///     print(error.line ?? 0, error)   // "data.csv:7: expected 4 fields, got 3"
/// }
/// ```
public struct MLError<C: MLErrorCode>: Error, Sendable, Equatable, CustomStringConvertible {
    /// The module's code type.
    public typealias Code = C

    /// What went wrong, matchable.
    public let code: Code
    /// Human-readable detail: the failed check, expected vs. got.
    public let message: String
    /// The file (or named source: `"baseline"`, a configuration key) the data came from.
    public var path: String?
    /// 0-based tree index, when the problem is inside a tree of a model file.
    public var tree: Int?
    /// 0-based node index inside ``tree``, in the file's own numbering.
    public var node: Int?
    /// The key or key path involved (JSON, UBJSON, YAML, LightGBM text).
    public var key: String?
    /// Byte offset in the file.
    public var offset: Int?
    /// 1-based line in a text file.
    public var line: Int?
    /// 1-based column (field position) in a text file.
    public var column: Int?
    /// The named field, column, parameter or class involved.
    public var field: String?
    /// The caller's argument that is wrong (`"labels"`, `"scores"`).
    public var argument: String?
    /// 0-based index of the first offending element of ``argument``.
    public var index: Int?
    /// A short reason meant for logs and status pages (not printed by ``description``).
    public var reason: String?

    /// Creates an error; every location field defaults to unknown.
    public init(
        _ code: Code, _ message: String, path: String? = nil, tree: Int? = nil, node: Int? = nil,
        key: String? = nil, offset: Int? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil,
        argument: String? = nil, index: Int? = nil, reason: String? = nil
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.tree = tree
        self.node = node
        self.key = key
        self.offset = offset
        self.line = line
        self.column = column
        self.field = field
        self.argument = argument
        self.index = index
        self.reason = reason
    }

    /// The same error with the file path attached; a path already set is kept.
    public func at(path newPath: String) -> Self {
        var copy = self
        if copy.path == nil { copy.path = newPath }
        return copy
    }

    /// The location parts that are known, outermost first (`["model.json", "tree 3", "node 7"]`,
    /// `["data.csv:7", "column 2"]`).
    public var location: [String] {
        var parts: [String] = []
        switch (path, line) {
        case let (path?, line?): parts.append("\(path):\(line)")
        case let (path?, nil): parts.append(path)
        case let (nil, line?): parts.append("line \(line)")
        case (nil, nil): break
        }
        if let column { parts.append("column \(column)") }
        if let offset { parts.append("byte \(offset)") }
        if let tree { parts.append("tree \(tree)") }
        if let node { parts.append("node \(node)") }
        if let key { parts.append("key '\(key)'") }
        if let field { parts.append("field '\(field)'") }
        if let argument { parts.append("argument '\(argument)'") }
        if let index { parts.append("index \(index)") }
        return parts
    }

    /// `location: message`, or the message alone when nothing of the location is known.
    public var description: String {
        let parts = location
        return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
    }
}

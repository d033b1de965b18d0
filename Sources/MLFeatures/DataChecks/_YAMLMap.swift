import Yams

/// A YAML mapping of the tests file with its key path, read strictly: string keys only, no key
/// twice, no key outside the ones a section allows, typed values. Every failure is a
/// ``FeatureError`` `.invalidConfiguration` naming the key path and the 1-based YAML line.
struct _YAMLMap {
    /// The entries in file order.
    let entries: [(key: String, value: Node)]
    /// The key path of the mapping itself (`columns.amount[1].range`; empty at the top).
    let path: String
    /// The mapping's line, for errors about a missing key.
    let line: Int?

    /// Reads `node` as a mapping at `path`.
    init(_ node: Node, at path: String) throws {
        guard let mapping = node.mapping else {
            throw Self.error("expected a mapping of keys to values, got \(Self.kind(of: node))", path, node)
        }
        var seen: Set<String> = []
        var entries: [(key: String, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw Self.error("keys must be text, got \(Self.kind(of: key))", path, key)
            }
            guard seen.insert(name).inserted else {
                throw Self.error("the key '\(name)' appears twice", Self.join(path, name), key)
            }
            entries.append((name, value))
        }
        self.entries = entries
        self.path = path
        self.line = node.mark?.line
    }

    /// An empty mapping at `path` (a test written without arguments).
    init(emptyAt path: String, line: Int?) {
        self.entries = []
        self.path = path
        self.line = line
    }

    /// Throws for the first key not in `allowed`.
    func requireKnownKeys(_ allowed: [String]) throws {
        for (key, value) in entries where !allowed.contains(key) {
            throw Self.error("unknown key '\(key)' (known: \(allowed.joined(separator: ", ")))", keyPath(key), value)
        }
    }

    /// The path of `key` inside this mapping.
    func keyPath(_ key: String) -> String { Self.join(path, key) }

    /// The value of `key`, if present.
    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    /// The text of `key` (a scalar), or `nil` when absent.
    func string(_ key: String) throws -> String? {
        guard let node = self[key] else { return nil }
        return try Self.text(node, at: keyPath(key))
    }

    /// The text of `key`, which must be present.
    func requiredString(_ key: String) throws -> String {
        guard let value = try string(key) else { throw missing(key) }
        return value
    }

    /// The finite number of `key`, or `nil` when absent.
    func number(_ key: String) throws -> Double? {
        guard let node = self[key] else { return nil }
        guard let text = node.scalar?.string, let value = Double(text.trimmedOfSpaces), value.isFinite else {
            throw Self.error("expected a finite number, got \(Self.describe(node))", keyPath(key), node)
        }
        return value
    }

    /// The integer ≥ 0 of `key`, or `nil` when absent.
    func count(_ key: String) throws -> Int? {
        guard let node = self[key] else { return nil }
        guard let text = node.scalar?.string, let value = Int(text.trimmedOfSpaces), value >= 0 else {
            throw Self.error("expected a whole number ≥ 0, got \(Self.describe(node))", keyPath(key), node)
        }
        return value
    }

    /// The age of `key` (`2d`, `36h`), or `nil` when absent.
    func age(_ key: String) throws -> Duration? {
        guard let node = self[key] else { return nil }
        guard let text = node.scalar?.string, let age = _CheckAge.parse(text) else {
            throw Self.error(
                "expected an age: a whole number and a unit s, m, h, d or w (like 2d or 36h, at most 100 years), "
                    + "got \(Self.describe(node))", keyPath(key), node)
        }
        return age
    }

    /// The `severity` key: `warn` or `error` (the default when absent).
    func severity() throws -> DataCheckSeverity {
        guard let node = self["severity"] else { return .error }
        guard let text = node.scalar?.string, let severity = DataCheckSeverity(rawValue: text) else {
            throw Self.error("expected warn or error, got \(Self.describe(node))", keyPath("severity"), node)
        }
        return severity
    }

    /// The error for a required key that is absent.
    func missing(_ key: String) -> FeatureError {
        FeatureError(.invalidConfiguration, "missing key '\(key)'", key: keyPath(key), line: line)
    }

    /// An error about this mapping as a whole.
    func invalid(_ message: String) -> FeatureError {
        FeatureError(.invalidConfiguration, message, key: path.isEmpty ? nil : path, line: line)
    }

    /// A scalar's text at `path`.
    static func text(_ node: Node, at path: String) throws -> String {
        guard let text = node.scalar?.string else {
            throw error("expected a single value, got \(kind(of: node))", path, node)
        }
        return text
    }

    static func error(_ message: String, _ path: String, _ node: Node) -> FeatureError {
        FeatureError(.invalidConfiguration, message, key: path.isEmpty ? nil : path, line: node.mark?.line)
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// `'text'` for a scalar, its kind otherwise.
    static func describe(_ node: Node) -> String {
        node.scalar.map { "'\($0.string)'" } ?? kind(of: node)
    }
}

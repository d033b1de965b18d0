import Yams

/// Turns a YAML tests file into a ``DataCheckSuite`` (the grammar is documented there and in
/// `Docs/DataChecks.md`).
struct _SuiteParser {
    /// The folder relative `relationships` paths are resolved against.
    let baseDirectory: String?

    func parse(_ yaml: String) throws -> DataCheckSuite {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw FeatureError(.invalidConfiguration, "malformed YAML: \(error)", line: Self.line(of: error))
        } catch {
            throw FeatureError(.invalidConfiguration, "malformed YAML: \(error)")
        }
        guard let root, !(root.scalar.map { $0.string.isEmpty } ?? false) else {
            throw FeatureError(.invalidConfiguration, "the tests file defines no checks")
        }
        let top = try _YAMLMap(root, at: "")
        try top.requireKnownKeys(["row_count", "columns", "freshness", "leakage"])
        var suite = DataCheckSuite()
        if let node = top["row_count"] { suite.rowCount = try rowCount(_YAMLMap(node, at: "row_count")) }
        if let node = top["columns"] { suite.columnChecks = try columns(_YAMLMap(node, at: "columns")) }
        if let node = top["freshness"] { suite.freshness = try freshness(_YAMLMap(node, at: "freshness")) }
        if let node = top["leakage"] { suite.leakage = try leakage(node) }
        guard !suite.isEmpty else { throw FeatureError(.invalidConfiguration, "the tests file defines no checks") }
        return suite
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    // MARK: Sections

    func rowCount(_ map: _YAMLMap) throws -> RowCountCheck {
        try map.requireKnownKeys(["min", "max", "severity"])
        let check = RowCountCheck(minimum: try map.count("min"), maximum: try map.count("max"), severity: try map.severity())
        guard check.minimum != nil || check.maximum != nil else { throw map.invalid("give min, max or both") }
        if let low = check.minimum, let high = check.maximum, low > high {
            throw map.invalid("min (\(low)) is above max (\(high))")
        }
        return check
    }

    func columns(_ map: _YAMLMap) throws -> [ColumnCheck] {
        var checks: [ColumnCheck] = []
        for (column, node) in map.entries {
            let path = map.keyPath(column)
            guard let items = node.sequence else {
                throw _YAMLMap.error(
                    "expected a list of tests (like [not_null, unique]), got \(_YAMLMap.kind(of: node))", path, node)
            }
            for (i, item) in items.enumerated() {
                checks.append(try columnCheck(item, column: column, at: "\(path)[\(i)]"))
            }
        }
        return checks
    }

    /// One test: `not_null`, or a one-key mapping `name: {arguments}`.
    func columnCheck(_ node: Node, column: String, at path: String) throws -> ColumnCheck {
        let known = ["not_null", "unique", "accepted_values", "range", "relationships"]
        let name: String
        let argumentsNode: Node?
        if let scalar = node.scalar {
            name = scalar.string
            argumentsNode = nil
        } else {
            let map = try _YAMLMap(node, at: path)
            guard map.entries.count == 1, let entry = map.entries.first else {
                throw _YAMLMap.error("a test is a name or a mapping with one key (the test's name)", path, node)
            }
            (name, argumentsNode) = (entry.key, entry.value)
        }
        guard known.contains(name) else {
            throw _YAMLMap.error("unknown test '\(name)' (known: \(known.joined(separator: ", ")))", path, node)
        }
        let argumentsPath = path + "." + name
        let arguments: _YAMLMap
        if let argumentsNode, !Self.isNull(argumentsNode) {
            arguments = try _YAMLMap(argumentsNode, at: argumentsPath)
        } else if name == "not_null" || name == "unique" {
            arguments = _YAMLMap(emptyAt: argumentsPath, line: node.mark?.line)
        } else {
            throw _YAMLMap.error("\(name) needs arguments (\(Self.argumentHint[name] ?? ""))", path, node)
        }
        let kind: ColumnCheck.Kind
        switch name {
        case "not_null", "unique":
            try arguments.requireKnownKeys(["severity"])
            kind = name == "unique" ? .unique : .notNull
        case "accepted_values":
            try arguments.requireKnownKeys(["values", "severity"])
            guard let list = arguments["values"] else { throw arguments.missing("values") }
            guard let values = list.sequence, !values.isEmpty else {
                throw _YAMLMap.error("expected a non-empty list of values", arguments.keyPath("values"), list)
            }
            kind = .acceptedValues(
                try values.enumerated().map { try _YAMLMap.text($1, at: arguments.keyPath("values") + "[\($0)]") })
        case "range":
            try arguments.requireKnownKeys(["min", "max", "severity"])
            let (low, high) = (try arguments.number("min"), try arguments.number("max"))
            guard low != nil || high != nil else { throw arguments.invalid("give min, max or both") }
            if let low, let high, low > high {
                throw arguments.invalid("min (\(_ColumnValues.number(low))) is above max (\(_ColumnValues.number(high)))")
            }
            kind = .range(min: low, max: high)
        default:  // relationships
            try arguments.requireKnownKeys(["to", "field", "severity"])
            let file = try arguments.requiredString("to")
            guard !file.isEmpty else { throw _YAMLMap.error("expected a file path", arguments.keyPath("to"), node) }
            kind = .relationships(file: resolved(file), field: try arguments.requiredString("field"))
        }
        return ColumnCheck(column: column, kind: kind, severity: try arguments.severity(), keyPath: path)
    }

    static let argumentHint = [
        "accepted_values": "values: [a, b]", "range": "min: 0, max: 1",
        "relationships": "to: other.csv, field: id",
    ]

    func freshness(_ map: _YAMLMap) throws -> FreshnessCheck {
        try map.requireKnownKeys(["column", "warn_after", "error_after"])
        let check = FreshnessCheck(
            column: try map.requiredString("column"), warnAfter: try map.age("warn_after"),
            errorAfter: try map.age("error_after"))
        guard check.warnAfter != nil || check.errorAfter != nil else {
            throw map.invalid("give warn_after, error_after or both")
        }
        if let warn = check.warnAfter, let error = check.errorAfter, warn > error {
            throw map.invalid(
                "warn_after (\(_CheckAge.describe(warn))) is longer than error_after (\(_CheckAge.describe(error)))")
        }
        return check
    }

    func leakage(_ node: Node) throws -> [LeakageCheck] {
        guard let items = node.sequence else {
            throw _YAMLMap.error("expected a list of rules (label_after_period, future)", "leakage", node)
        }
        return try items.enumerated().map { try leakageRule($1, at: "leakage[\($0)]") }
    }

    /// `label_after_period: {…}`, `future: column` or `future: {…}`.
    func leakageRule(_ node: Node, at path: String) throws -> LeakageCheck {
        let map = try _YAMLMap(node, at: path)
        guard map.entries.count == 1, let (name, value) = map.entries.first else {
            throw _YAMLMap.error("a rule is a mapping with one key: label_after_period or future", path, node)
        }
        let rulePath = path + "." + name
        switch name {
        case "label_after_period":
            let arguments = try _YAMLMap(value, at: rulePath)
            try arguments.requireKnownKeys(["label_time", "period_end", "max_delay", "severity"])
            let rule = LeakageCheck.Rule.labelAfterPeriod(
                labelTime: try arguments.requiredString("label_time"),
                periodEnd: try arguments.requiredString("period_end"),
                maxDelay: try arguments.age("max_delay") ?? .zero)
            return LeakageCheck(rule: rule, severity: try arguments.severity(), keyPath: path)
        case "future":
            if value.scalar != nil {
                return LeakageCheck(
                    rule: .future(column: try _YAMLMap.text(value, at: rulePath), tolerance: .zero), keyPath: path)
            }
            let arguments = try _YAMLMap(value, at: rulePath)
            try arguments.requireKnownKeys(["column", "tolerance", "severity"])
            let rule = LeakageCheck.Rule.future(
                column: try arguments.requiredString("column"), tolerance: try arguments.age("tolerance") ?? .zero)
            return LeakageCheck(rule: rule, severity: try arguments.severity(), keyPath: path)
        default:
            throw _YAMLMap.error("unknown rule '\(name)' (known: label_after_period, future)", rulePath, node)
        }
    }

    // MARK: Helpers

    /// `file` against ``baseDirectory`` unless it is absolute.
    func resolved(_ file: String) -> String {
        guard let baseDirectory, !file.hasPrefix("/") else { return file }
        return baseDirectory.hasSuffix("/") ? baseDirectory + file : baseDirectory + "/" + file
    }

    /// A YAML null (`~`, `null`, or nothing after the colon).
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

/// The recorded results of the checks a model version went through before release:
/// acceptance gates, export validation, calibration verification, or any other kind.
///
/// An evidence document is a JSON object whose keys are evidence kinds and whose values are
/// objects with a boolean `passed` (anything else in them is kept verbatim):
///
/// ```json
/// {
///   "gates":             {"passed": true, "rules": ["macro_f1 >= 0.72"]},
///   "export_validation": {"passed": true, "max_abs_diff": 1e-7},
///   "calibration":       {"passed": true, "ece": 0.012}
/// }
/// ```
///
/// Gated moves check it against the registry's ``GatePolicy`` in the same transaction as
/// the move.
public struct Evidence: Sendable, Hashable, Codable {
    /// One kind of evidence: whether it passed, and the full document as recorded.
    public struct Item: Sendable, Hashable, Codable {
        /// Whether the check passed.
        public var passed: Bool
        /// The item's JSON object as recorded (including `passed`).
        public var document: RegistryJSON

        /// An item; `document` defaults to `{"passed": passed}`.
        public init(passed: Bool, document: RegistryJSON? = nil) {
            self.passed = passed
            self.document = document ?? .object(["passed": .bool(passed)])
        }
    }

    /// The items by evidence kind.
    public var items: [String: Item]

    /// Evidence with these items (empty by default).
    public init(items: [String: Item] = [:]) {
        self.items = items
    }

    /// Reads an evidence document (see the type's description).
    /// - Throws: ``RegistryError`` `.invalidInput` when it is not an object of objects each
    ///   with a boolean `passed`, naming the offending kind.
    public init(json: RegistryJSON, source: String = "evidence") throws {
        guard let members = json.objectValue else {
            throw RegistryError(.invalidInput, "\(source) must be a JSON object of evidence kinds", context: ["input": source])
        }
        var items: [String: Item] = [:]
        for (kind, value) in members {
            guard !kind.isEmpty else {
                throw RegistryError(.invalidInput, "\(source) has an empty evidence kind", context: ["input": source])
            }
            guard let object = value.objectValue, case .bool(let passed)? = object["passed"] else {
                throw RegistryError(
                    .invalidInput, "\(source): evidence '\(kind)' must be an object with a boolean 'passed'",
                    context: ["input": source, "evidence": kind])
            }
            items[kind] = Item(passed: passed, document: value)
        }
        self.items = items
    }

    /// The reasons the evidence does not satisfy `policy`, empty when it does: each required
    /// kind that is missing or failed, and each other recorded kind that failed.
    public func failures(under policy: GatePolicy) -> [String] {
        var out: [String] = []
        for kind in policy.requiredEvidence {
            switch items[kind] {
            case nil: out.append("no '\(kind)' evidence recorded")
            case let item? where !item.passed: out.append("'\(kind)' evidence did not pass")
            default: break
            }
        }
        for kind in items.keys.sorted() where !policy.requiredEvidence.contains(kind) {
            if items[kind]?.passed == false { out.append("'\(kind)' evidence did not pass") }
        }
        return out
    }

    /// The evidence as one JSON object by kind.
    public var json: RegistryJSON {
        .object(items.mapValues { $0.document })
    }

    public init(from decoder: any Decoder) throws {
        let value = try RegistryJSON(from: decoder)
        do {
            try self.init(json: value)
        } catch let error as RegistryError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

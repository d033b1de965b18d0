import MLMetrics
/// Named metric values, flattened from a metrics file (the output of `mlctl evaluate --json`,
/// or any JSON/YAML object of numbers).
///
/// Nested objects are flattened with dots (`{"test": {"auc": 0.9}}` → `test.auc`); lists of
/// numbers give one value per element (`per_class_f1.0`, `per_class_f1.1`, …) and, when the
/// file has no `min_class_f1`, the smallest `per_class_f1` element becomes `min_class_f1`.
/// Strings, booleans and nulls are ignored.
///
/// ```swift
/// let metrics = try MetricValues.read(contentsOf: "m.json")
/// metrics["roc_auc"]   // 0.91
/// ```
public struct MetricValues: Sendable, Equatable {
    /// Every value by its flattened name.
    public let values: [String: Double]

    /// Wraps values.
    public init(_ values: [String: Double]) {
        self.values = values
    }

    /// The value named `name`, if any.
    public subscript(name: String) -> Double? { values[name] }

    /// Reads a JSON or YAML metrics file (JSON when it starts with `{`).
    /// - Throws: ``EvaluationError`` `.unreadableFile` / `.emptyInput` (cannot read),
    ///   `.invalidMetrics` (not valid JSON/YAML, not an object, or holds no number).
    public static func read(contentsOf path: String) throws -> MetricValues {
        let document = try _Document.parse(try TextFile.bytes(at: path), path: path, code: .invalidMetrics)
        do {
            return try MetricValues(document: document)
        } catch let error as EvaluationError {
            throw error.at(path: path)
        }
    }

    /// Parses metrics from JSON or YAML text.
    /// - Throws: as ``read(contentsOf:)``.
    public static func parse(_ text: String) throws -> MetricValues {
        try MetricValues(document: try _Document.parse(Array(text.utf8), path: nil, code: .invalidMetrics))
    }

    init(document: _Document) throws {
        guard case .object = document else {
            throw EvaluationError(.invalidMetrics, "a metrics file must be an object of named numbers")
        }
        var out: [String: Double] = [:]
        func visit(_ node: _Document, _ name: String) {
            switch node {
            case .number(let v): out[name] = v
            case .object(let members):
                for (key, value) in members { visit(value, name.isEmpty ? key : name + "." + key) }
            case .array(let items):
                for (i, item) in items.enumerated() { visit(item, name + ".\(i)") }
            case .null, .bool, .string: break
            }
        }
        visit(document, "")
        guard !out.isEmpty else { throw EvaluationError(.invalidMetrics, "the metrics file holds no numbers") }
        if out["min_class_f1"] == nil {
            let perClass = out.filter { $0.key.hasPrefix("per_class_f1.") && !$0.key.dropFirst(13).contains(".") }
            if let smallest = perClass.values.min() { out["min_class_f1"] = smallest }
        }
        values = out
    }
}

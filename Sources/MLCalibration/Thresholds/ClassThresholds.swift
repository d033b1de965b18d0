/// Per-class decision thresholds by class name, stored as a plain JSON object such as
/// `{"Groceries": 0.70, "Dining": 0.75}`.
///
/// Each threshold must be finite and in [0, 1]; decoding checks this and throws
/// ``CalibrationError`` `.invalidConfiguration` naming the class. Use a ``ThresholdPolicy`` to
/// apply them.
public struct ClassThresholds: Sendable, Codable, Equatable {
    /// Threshold per class name.
    public let values: [String: Double]

    /// Creates thresholds.
    /// - Throws: ``CalibrationError`` `.invalidConfiguration` for a NaN, infinite or
    ///   out-of-[0, 1] threshold, or an empty class name.
    public init(_ values: [String: Double]) throws {
        for (name, t) in values.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty else {
                throw CalibrationError(.invalidConfiguration, "empty class name", field: name)
            }
            guard t.isFinite, t >= 0, t <= 1 else {
                throw CalibrationError(.invalidConfiguration, "threshold of '\(name)' is \(t); it must be in [0, 1]", field: name)
            }
        }
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode([String: Double].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values)
    }
}

/// Thresholds resolved against a model's class order, with a fallback label: the prepared
/// decision rule.
///
/// Rule: the classes whose probability is ≥ their threshold are "eligible"; the decision is the
/// eligible class with the highest probability — on an exact tie, the one that comes first in
/// ``classNames``. When no class is eligible the decision is ``fallbackLabel`` (e.g. "Other" or
/// "needs review").
///
/// ```swift
/// let thresholds = try JSONDecoder().decode(ClassThresholds.self, from: json)
/// let policy = try ThresholdPolicy(thresholds: thresholds, classNames: ["Groceries", "Dining", "Travel"],
///                                  fallbackLabel: "Other", defaultThreshold: 0.5)
/// let decision = try policy.decide([0.72, 0.20, 0.08])   // "Groceries"
/// ```
public struct ThresholdPolicy: Sendable, Equatable {
    /// The model's classes, in probability-column order.
    public let classNames: [String]
    /// The threshold of each class, aligned with ``classNames``.
    public let thresholds: [Double]
    /// The label returned when no class clears its threshold.
    public let fallbackLabel: String

    /// Resolves `thresholds` against `classNames`.
    /// - Parameters:
    ///   - defaultThreshold: used for classes without an entry; nil means every class must have one.
    /// - Throws: ``CalibrationError`` `.unknownClass` when a threshold names a class not in
    ///   `classNames` or a class has no threshold and there is no default;
    ///   `.invalidConfiguration` for duplicate or no class names, or a default outside [0, 1].
    public init(thresholds: ClassThresholds, classNames: [String], fallbackLabel: String, defaultThreshold: Double? = nil) throws {
        guard !classNames.isEmpty else {
            throw CalibrationError(.invalidConfiguration, "no class names", field: "classNames")
        }
        guard Set(classNames).count == classNames.count else {
            throw CalibrationError(.invalidConfiguration, "class names are not unique: \(classNames)", field: "classNames")
        }
        if let d = defaultThreshold, !(d.isFinite && d >= 0 && d <= 1) {
            throw CalibrationError(.invalidConfiguration, "default threshold \(d) is outside [0, 1]", field: "defaultThreshold")
        }
        for name in thresholds.values.keys.sorted() where !classNames.contains(name) {
            throw CalibrationError(.unknownClass, "threshold given for '\(name)', which is not one of \(classNames)", field: name)
        }
        self.thresholds = try classNames.map { name in
            guard let t = thresholds.values[name] ?? defaultThreshold else {
                throw CalibrationError(.unknownClass, "class '\(name)' has no threshold and there is no default", field: name)
            }
            return t
        }
        self.classNames = classNames
        self.fallbackLabel = fallbackLabel
    }

    /// Decides one row of class probabilities (in ``classNames`` order).
    /// - Throws: ``CalibrationError`` `.invalidInput` when the row's length differs from the
    ///   number of classes or a value is NaN.
    public func decide(_ probabilities: [Double]) throws -> ThresholdDecision {
        guard probabilities.count == classNames.count else {
            throw CalibrationError(
                .invalidInput, "\(probabilities.count) probabilities for \(classNames.count) classes", field: "probabilities")
        }
        var best: Int?
        for (k, p) in probabilities.enumerated() {
            guard !p.isNaN else {
                throw CalibrationError(.invalidInput, "probability of '\(classNames[k])' is NaN", field: classNames[k])
            }
            if p >= thresholds[k], best.map({ p > probabilities[$0] }) ?? true { best = k }
        }
        guard let k = best else {
            return ThresholdDecision(label: fallbackLabel, classIndex: nil, probability: nil)
        }
        return ThresholdDecision(label: classNames[k], classIndex: k, probability: probabilities[k])
    }
}

/// The outcome of a ``ThresholdPolicy`` for one row.
public struct ThresholdDecision: Sendable, Codable, Equatable {
    /// The chosen class name, or the fallback label.
    public let label: String
    /// The chosen class's column, nil for the fallback.
    public let classIndex: Int?
    /// The chosen class's probability, nil for the fallback.
    public let probability: Double?

    /// Creates a decision (``ThresholdPolicy/decide(_:)`` makes them).
    public init(label: String, classIndex: Int?, probability: Double?) {
        self.label = label
        self.classIndex = classIndex
        self.probability = probability
    }

    /// Whether no class cleared its threshold.
    public var isFallback: Bool { classIndex == nil }
}

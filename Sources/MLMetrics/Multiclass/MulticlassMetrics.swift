import MLCore

/// Multiclass classification metrics with scikit-learn's definitions.
///
/// Scores are an n × K matrix (`Matrix<Double>` or `[[Double]]`, row i = class probabilities
/// of row i) and labels are class indices in `0..<K`. The predicted class is the arg-max of the
/// row, the first index winning ties (as `numpy.argmax`).
public enum MulticlassMetrics {
    /// How one-vs-rest ROC-AUCs are averaged.
    public enum Average: String, Sendable, Codable, CaseIterable {
        /// Unweighted mean over classes (scikit-learn `average="macro"`).
        case macro
        /// Mean weighted by each class's prevalence in the labels (`average="weighted"`).
        case weighted
    }

    /// Every multiclass metric in one call; see ``MulticlassClassificationReport``.
    /// - Throws: ``MetricError`` for empty or mismatched input, labels outside `0..<K`, fewer
    ///   than 2 columns, NaN/∞ or out-of-[0, 1] probabilities; one-vs-rest AUC is nil (not
    ///   thrown) when a class is missing from the labels or rows do not sum to 1.
    public static func report(probabilities: Matrix<Double>, labels: [Int]) throws -> MulticlassClassificationReport {
        try MulticlassClassificationReport(
            _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true))
    }

    /// ``report(probabilities:labels:)-(Matrix<Double>,_)`` for an array of rows.
    public static func report(probabilities: [[Double]], labels: [Int]) throws -> MulticlassClassificationReport {
        try MulticlassClassificationReport(
            _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true))
    }

    /// The confusion matrix of the arg-max predictions (first index wins ties).
    /// - Throws: as ``report(probabilities:labels:)-(Matrix<Double>,_)``, except that scores
    ///   need not be probabilities (any finite values, e.g. logits).
    public static func confusionMatrix(scores: Matrix<Double>, labels: [Int]) throws -> MulticlassConfusionMatrix {
        let rows = try _ProbabilityRows(scores, labels: labels, requireProbabilities: false)
        return try MulticlassConfusionMatrix(predicted: rows.argmax(), labels: labels, classCount: rows.classCount)
    }

    /// Per-class one-vs-rest ROC-AUC: for class k, ROC-AUC of column k against `label == k`
    /// (see ``RankedBinaryScores/rocAUC()``).
    /// - Throws: ``MetricError`` `.undefinedMetric` when some class never occurs in the labels
    ///   (or every row is that class), plus the input errors of ``report(probabilities:labels:)-(Matrix<Double>,_)``.
    public static func perClassRocAUC(probabilities: Matrix<Double>, labels: [Int]) throws -> [Double] {
        try perClassRocAUC(_ProbabilityRows(probabilities, labels: labels, requireProbabilities: true))
    }

    /// One-vs-rest ROC-AUC averaged over classes, as scikit-learn's
    /// `roc_auc_score(multi_class="ovr", average=...)`.
    ///
    /// Like scikit-learn, refuses rows that do not sum to 1 (`numpy.allclose`: |1 − s| ≤ 1e-8 +
    /// 1e-5·|s|) and data where some class is absent from the labels.
    /// - Throws: ``MetricError`` `.outOfRange` (row sum), `.undefinedMetric` (missing class), and
    ///   the input errors of ``report(probabilities:labels:)-(Matrix<Double>,_)``.
    public static func rocAUCOneVsRest(
        probabilities: Matrix<Double>, labels: [Int], average: Average = .macro
    ) throws -> Double {
        let rows = try _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true)
        try rows.requireRowsSumToOne(for: "one-vs-rest ROC-AUC")
        return averaged(try perClassRocAUC(rows), labels: labels, classCount: rows.classCount, average: average)
    }

    /// Multiclass log loss (natural log, mean): −(1/n) Σ log(clip(p[i, yᵢ])) with clip to
    /// `[ε, 1 − ε]`, ε = 2.220446049250313e-16, as scikit-learn 1.9's `log_loss` (which clips and
    /// does not renormalise; it only warns when rows do not sum to 1, so this does not check sums).
    /// - Throws: ``MetricError`` for empty/mismatched input, labels outside `0..<K`, NaN or
    ///   out-of-[0, 1] probabilities.
    public static func logLoss(probabilities: Matrix<Double>, labels: [Int]) throws -> Double {
        logLoss(try _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true))
    }

    /// Multiclass Brier score, NOT halved: (1/n) Σᵢ Σₖ (p[i, k] − 1{yᵢ = k})², in `[0, 2]`.
    /// (Some texts halve it to match the binary score; scikit-learn ≥ 1.7's multiclass
    /// `brier_score_loss` does not.)
    /// - Throws: as ``logLoss(probabilities:labels:)``.
    public static func brierScore(probabilities: Matrix<Double>, labels: [Int]) throws -> Double {
        brierScore(try _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true))
    }

    /// Fraction of rows whose arg-max equals the label.
    public static func accuracy(scores: Matrix<Double>, labels: [Int]) throws -> Double {
        try confusionMatrix(scores: scores, labels: labels).accuracy
    }

    static func perClassRocAUC(_ rows: _ProbabilityRows) throws -> [Double] {
        var out: [Double] = []
        for k in 0..<rows.classCount {
            let binary = rows.labels.map { UInt8($0 == k ? 1 : 0) }
            let ranked = try RankedBinaryScores(validatedScores: rows.column(k), labels: binary)
            guard ranked.positiveCount > 0, ranked.negativeCount > 0 else {
                throw MetricError(
                    .undefinedMetric,
                    "one-vs-rest ROC-AUC of class \(k) is undefined: the labels hold \(ranked.positiveCount) rows of it and \(ranked.negativeCount) others",
                    argument: "labels")
            }
            out.append(try ranked.rocAUC())
        }
        return out
    }

    static func averaged(_ perClass: [Double], labels: [Int], classCount: Int, average: Average) -> Double {
        switch average {
        case .macro:
            return perClass.reduce(0, +) / Double(perClass.count)
        case .weighted:
            var support = [Int](repeating: 0, count: classCount)
            for label in labels { support[label] += 1 }
            var sum = 0.0
            for k in 0..<classCount { sum += perClass[k] * Double(support[k]) }
            return sum / Double(labels.count)
        }
    }

    static func logLoss(_ rows: _ProbabilityRows) -> Double {
        var sum = 0.0
        for i in 0..<rows.rows {
            sum += _ProbabilisticLoss.clippedNegativeLog(rows.values[i * rows.classCount + rows.labels[i]])
        }
        return sum / Double(rows.rows)
    }

    static func brierScore(_ rows: _ProbabilityRows) -> Double {
        var sum = 0.0
        for i in 0..<rows.rows {
            for k in 0..<rows.classCount {
                let d = rows.values[i * rows.classCount + k] - (rows.labels[i] == k ? 1 : 0)
                sum += d * d
            }
        }
        return sum / Double(rows.rows)
    }
}

/// The usual multiclass metrics of one scored data set.
public struct MulticlassClassificationReport: Sendable, Codable, Equatable {
    /// Confusion matrix of the arg-max predictions, with per-class and averaged F1.
    public let confusion: MulticlassConfusionMatrix
    /// Multiclass log loss (``MulticlassMetrics/logLoss(probabilities:labels:)``).
    public let logLoss: Double
    /// Multiclass Brier score, not halved.
    public let brierScore: Double
    /// Per-class one-vs-rest ROC-AUC; nil when some class is absent from the labels or rows do
    /// not sum to 1 (where scikit-learn raises).
    public let perClassRocAUC: [Double]?
    /// Macro average of ``perClassRocAUC``.
    public let rocAUCOneVsRestMacro: Double?
    /// Prevalence-weighted average of ``perClassRocAUC``.
    public let rocAUCOneVsRestWeighted: Double?

    /// Accuracy of the arg-max predictions.
    public var accuracy: Double { confusion.accuracy }
    /// Macro-averaged F1.
    public var macroF1: Double { confusion.macroF1 }
    /// Support-weighted F1.
    public var weightedF1: Double { confusion.weightedF1 }
    /// Micro-averaged F1.
    public var microF1: Double { confusion.microF1 }
    /// The weakest class's F1.
    public var minimumClassF1: Double { confusion.minimumClassF1 }

    init(_ rows: _ProbabilityRows) throws {
        confusion = try MulticlassConfusionMatrix(predicted: rows.argmax(), labels: rows.labels, classCount: rows.classCount)
        logLoss = MulticlassMetrics.logLoss(rows)
        brierScore = MulticlassMetrics.brierScore(rows)
        let auc: [Double]?
        do {
            try rows.requireRowsSumToOne(for: "one-vs-rest ROC-AUC")
            auc = try MulticlassMetrics.perClassRocAUC(rows)
        } catch let error as MetricError where error.code == .undefinedMetric || error.code == .outOfRange {
            auc = nil
        }
        perClassRocAUC = auc
        rocAUCOneVsRestMacro = auc.map {
            MulticlassMetrics.averaged($0, labels: rows.labels, classCount: rows.classCount, average: .macro)
        }
        rocAUCOneVsRestWeighted = auc.map {
            MulticlassMetrics.averaged($0, labels: rows.labels, classCount: rows.classCount, average: .weighted)
        }
    }
}

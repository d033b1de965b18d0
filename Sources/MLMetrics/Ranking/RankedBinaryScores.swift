/// Binary scores and labels sorted once, from which every ranking metric is computed:
/// ROC-AUC, average precision, the ROC and precision–recall curves, the confusion matrix at any
/// threshold and the threshold sweep.
///
/// Build it once and ask for several metrics: the sort (a radix sort of the scores of each
/// class, O(n)) is the whole cost; each metric afterwards is one O(n) merge of the two sorted
/// lists, or a binary search for a confusion matrix at one threshold.
///
/// ```swift
/// let ranked = try RankedBinaryScores(scores: scores, labels: labels)
/// let auc = try ranked.rocAUC()
/// let ap = try ranked.averagePrecision()
/// let atHalf = ranked.confusionMatrix(threshold: 0.5)
/// ```
///
/// Scores are any finite doubles (probabilities, margins, logits); higher means "more likely
/// positive". Ties are kept together: a group of equal scores forms one threshold, as in
/// scikit-learn's `_binary_clf_curve` (`-0.0` and `+0.0` are one score).
public struct RankedBinaryScores: Sendable {
    /// Sort keys (``_OrderedKey``) of the positive rows' scores, ascending.
    let positiveKeys: [UInt64]
    /// Sort keys of the negative rows' scores, ascending.
    let negativeKeys: [UInt64]

    /// Number of rows.
    public var count: Int { positiveKeys.count + negativeKeys.count }
    /// Number of rows labelled 1.
    public var positiveCount: Int { positiveKeys.count }
    /// Number of rows labelled 0.
    public var negativeCount: Int { negativeKeys.count }

    /// Sorts `scores` by class.
    ///
    /// - Parameters:
    ///   - scores: one finite score per row; higher means more likely positive.
    ///   - labels: one label per row, 0 (negative) or 1 (positive).
    /// - Throws: ``MetricError`` `.emptyInput` for no rows, `.lengthMismatch` when the counts
    ///   differ, `.invalidLabel` for a label other than 0/1, `.nonFiniteValue` for a NaN or
    ///   infinite score (scikit-learn refuses them too); each names the first offending index.
    public init(scores: [Double], labels: [Int]) throws {
        try _Validation.sameLength(scores.count, "scores", labels.count, "labels")
        try self.init(validatedScores: scores, labels: try _Validation.binaryLabels(labels))
    }

    /// Sorts `scores` by class, with `true` meaning positive. Throws as the `[Int]` initializer does.
    public init(scores: [Double], labels: [Bool]) throws {
        try _Validation.sameLength(scores.count, "scores", labels.count, "labels")
        try self.init(validatedScores: scores, labels: _Validation.binaryLabels(labels))
    }

    init(validatedScores scores: [Double], labels: [UInt8]) throws {
        try _Validation.nonEmpty(scores.count, "scores")
        var positives = 0
        for (i, s) in scores.enumerated() {
            guard s.isFinite else {
                throw MetricError(.nonFiniteValue, "scores must be finite, got \(s)", argument: "scores", index: i)
            }
            positives += Int(labels[i])
        }
        var pos = [UInt64]()
        var neg = [UInt64]()
        pos.reserveCapacity(positives)
        neg.reserveCapacity(scores.count - positives)
        for (i, s) in scores.enumerated() {
            if labels[i] == 1 { pos.append(_OrderedKey.key(s)) } else { neg.append(_OrderedKey.key(s)) }
        }
        _RadixSort.sort(&pos)
        _RadixSort.sort(&neg)
        positiveKeys = pos
        negativeKeys = neg
    }

    /// Visits the distinct scores from highest to lowest with the cumulative counts of
    /// positives (`tp`) and negatives (`fp`) scoring at least that score.
    @inline(__always)
    func forEachThreshold(_ body: (_ key: UInt64, _ tp: Int, _ fp: Int) -> Void) {
        positiveKeys.withUnsafeBufferPointer { pos in
            negativeKeys.withUnsafeBufferPointer { neg in
                var i = pos.count - 1
                var j = neg.count - 1
                var tp = 0
                var fp = 0
                while i >= 0 || j >= 0 {
                    let key: UInt64
                    if i >= 0 && j >= 0 {
                        key = Swift.max(pos[i], neg[j])
                    } else if i >= 0 {
                        key = pos[i]
                    } else {
                        key = neg[j]
                    }
                    while i >= 0 && pos[i] == key {
                        tp += 1
                        i -= 1
                    }
                    while j >= 0 && neg[j] == key {
                        fp += 1
                        j -= 1
                    }
                    body(key, tp, fp)
                }
            }
        }
    }

    /// Number of distinct scores (thresholds of the full curves).
    public var distinctScoreCount: Int {
        var n = 0
        forEachThreshold { _, _, _ in n += 1 }
        return n
    }

    /// Number of keys in ascending `keys` that are ≥ `key` (binary search).
    static func countAtLeast(_ key: UInt64, in keys: [UInt64]) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = low + (high - low) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return keys.count - low
    }

    func requireBothClasses(_ metric: String) throws {
        guard positiveCount > 0, negativeCount > 0 else {
            let only = positiveCount > 0 ? "1" : "0"
            throw MetricError(
                .undefinedMetric,
                "\(metric) is undefined when only one class is present (all \(count) labels are \(only))",
                argument: "labels")
        }
    }
}

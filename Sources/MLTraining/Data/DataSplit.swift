import MLCore

/// Row splits for training: random or stratified train/validation/test parts, time-ordered
/// parts, and k-fold. Every part lists its rows in ascending order; the same inputs and seed
/// give the same parts.
public enum DataSplit {
    /// Splits `rows` rows into parts with the given fractions (summing to 1).
    ///
    /// Random (seeded Fisher–Yates with SplitMix64) or, with `stratifyBy` labels, per class, so
    /// each part keeps the class shares; part sizes by largest remainder (ties to the earlier
    /// part). With `timeOrdered`, the parts are consecutive runs in row order (train first).
    /// - Throws: ``TrainingError`` `.invalidConfiguration` for fractions that are negative or
    ///   do not sum to 1, or labels of another length.
    public static func parts(
        rows: Int, fractions: [Double], seed: UInt64, stratifyBy labels: [Double]? = nil, timeOrdered: Bool = false
    ) throws -> [[Int]] {
        guard !fractions.isEmpty, fractions.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(fractions.reduce(0, +) - 1) < 1e-9 else {
            throw TrainingError(.invalidConfiguration, "split fractions \(fractions) must be ≥ 0 and sum to 1", field: "split")
        }
        if let labels, labels.count != rows {
            throw TrainingError(.invalidData, "\(labels.count) labels for \(rows) rows", field: "label")
        }
        if timeOrdered {
            let sizes = Self.sizes(rows, fractions)
            var start = 0
            return sizes.map { n in
                defer { start += n }
                return Array(start..<start + n)
            }
        }
        var random = SplitMix64(seed: seed)
        var out = [[Int]](repeating: [], count: fractions.count)
        let groups: [[Int]]
        if let labels {
            var byClass: [Double: [Int]] = [:]
            for (i, v) in labels.enumerated() { byClass[v, default: []].append(i) }
            groups = byClass.keys.sorted().compactMap { byClass[$0] }
        } else {
            groups = [Array(0..<rows)]
        }
        for var group in groups {
            shuffle(&group, &random)
            var start = 0
            for (p, n) in Self.sizes(group.count, fractions).enumerated() {
                out[p].append(contentsOf: group[start..<start + n])
                start += n
            }
        }
        return out.map { $0.sorted() }
    }

    /// `folds` folds of `rows` rows (shuffled with `seed` unless `shuffle` is false; stratified
    /// by `labels` when given): for each fold, the training rows and the held-out rows.
    /// - Throws: ``TrainingError`` `.invalidConfiguration` when `folds < 2` or `folds > rows`.
    public static func kFold(rows: Int, folds: Int, seed: UInt64, shuffle: Bool = true, stratifyBy labels: [Double]? = nil) throws
        -> [(train: [Int], test: [Int])]
    {
        guard folds >= 2, folds <= rows else {
            throw TrainingError(.invalidConfiguration, "folds must be between 2 and the \(rows) rows (got \(folds))", field: "folds")
        }
        let fractions = [Double](repeating: 1 / Double(folds), count: folds)
        let parts = try Self.parts(
            rows: rows, fractions: fractions.enumerated().map { $0.offset == folds - 1 ? 1 - fractions.dropLast().reduce(0, +) : $0.element },
            seed: seed, stratifyBy: labels, timeOrdered: !shuffle)
        return parts.indices.map { k in
            (parts.indices.filter { $0 != k }.flatMap { parts[$0] }.sorted(), parts[k])
        }
    }

    /// Largest-remainder sizes of `n` rows for `fractions`.
    static func sizes(_ n: Int, _ fractions: [Double]) -> [Int] {
        let exact = fractions.map { $0 * Double(n) }
        var sizes = exact.map { Int($0.rounded(.down)) }
        var left = n - sizes.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down)) > (exact[$1] - exact[$1].rounded(.down)) }
        for i in order where left > 0 {
            sizes[i] += 1
            left -= 1
        }
        return sizes
    }

    static func shuffle(_ a: inout [Int], _ random: inout SplitMix64) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(random.next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}

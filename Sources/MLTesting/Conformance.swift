import Testing

/// Records an issue unless `calibrate` is monotone on `grid` (non-decreasing when `increasing`,
/// else non-increasing; `grid` is visited in increasing order) and every output is in [0, 1].
/// The conformance check every score calibrator passes.
///
/// ```swift
/// expectMonotoneCalibration({ calibrator.calibrated($0) }, over: stride(from: -1, through: 2, by: 0.001).map { $0 })
/// ```
public func expectMonotoneCalibration(
    _ calibrate: (Double) -> Double, over grid: [Double], increasing: Bool = true, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let points = grid.filter { !$0.isNaN }.sorted()
    var previous: (x: Double, y: Double)?
    for x in points {
        let y = calibrate(x)
        guard y >= 0 && y <= 1 else {
            Issue.record(Comment(rawValue: "output \(y) at \(x) is outside [0, 1]" + conformanceSuffix(comment)), sourceLocation: sourceLocation)
            return
        }
        if let p = previous, increasing ? y < p.y : y > p.y {
            Issue.record(
                Comment(rawValue: "not \(increasing ? "non-decreasing" : "non-increasing"): f(\(p.x)) = \(p.y), f(\(x)) = \(y)" + conformanceSuffix(comment)),
                sourceLocation: sourceLocation)
            return
        }
        previous = (x, y)
    }
}

/// Records an issue unless `metric` gives the same value (within `tolerance`) on the identity
/// order of `rows` rows and on `permutations` seeded shuffles of them. `metric` receives the row
/// order to evaluate (a permutation of `0..<rows`). The conformance check every metric passes.
///
/// ```swift
/// try expectPermutationInvariant(rows: y.count) { order in
///     try BinaryMetrics.rocAUC(scores: order.map { s[$0] }, labels: order.map { y[$0] })
/// }
/// ```
public func expectPermutationInvariant(
    rows: Int, permutations: Int = 3, seed: UInt64 = 1, tolerance: Tolerance = .exact, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ metric: ([Int]) throws -> Double
) throws {
    let reference = try metric(Array(0..<rows))
    var state = seed
    for round in 0..<permutations {
        var order = Array(0..<rows)
        for i in stride(from: rows - 1, to: 0, by: -1) {
            // SplitMix64 step: a fixed, documented stream so failures reproduce.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            order.swapAt(i, Int(z % UInt64(i + 1)))
        }
        let value = try metric(order)
        if !tolerance.accepts(value, reference) {
            Issue.record(
                Comment(rawValue: "permutation \(round) changed the metric: \(value) vs \(reference)" + conformanceSuffix(comment)),
                sourceLocation: sourceLocation)
        }
    }
}

private func conformanceSuffix(_ comment: Comment?) -> String {
    comment.map { ": \($0.rawValue)" } ?? ""
}

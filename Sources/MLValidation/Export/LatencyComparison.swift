import MLCore
import MLModels

/// Single-row latency of two models measured side by side in one process.
///
/// Both models get a prepared ``SingleRowScorer`` and score the same rows in turn: call i
/// scores row `i mod n` with one model and then with the other, the order alternating every
/// call, each call timed on its own with the monotonic clock. So both see the same caches,
/// frequency scaling and background load. A round gives each model's p95 (nearest rank); the
/// result is the median over the rounds of each model's p95, which is stable at microsecond
/// scale on a shared machine where a single p95 is not. After a warm-up, the number of calls
/// per round is chosen so that a round takes about ``targetRoundSeconds`` (at least 1,000 and
/// at most 100,000 calls per model), unless given.
public struct LatencyComparison: Sendable, Equatable, Codable {
    /// Interleaved rounds (default 9).
    public var rounds: Int
    /// Calls per model per round; nil chooses from a warm-up (about ``targetRoundSeconds`` per round).
    public var callsPerRound: Int?
    /// Wall time a round aims at when ``callsPerRound`` is nil (default 0.15 s).
    public var targetRoundSeconds: Double

    /// Creates a configuration.
    public init(rounds: Int = 9, callsPerRound: Int? = nil, targetRoundSeconds: Double = 0.15) {
        self.rounds = rounds
        self.callsPerRound = callsPerRound
        self.targetRoundSeconds = targetRoundSeconds
    }

    /// Measures both models on the rows of `features`.
    /// - Throws: ``EvaluationError`` `.invalidArgument` for rounds or calls < 1 or no rows;
    ///   ``ScoringError`` when a model does not take these features.
    public func measure(
        reference: any PredictiveModel, candidate: any PredictiveModel, features: Matrix<Float>
    ) throws -> LatencyResult {
        guard rounds >= 1, rounds <= 1000 else {
            throw EvaluationError(.invalidArgument, "latency rounds must be in 1...1000, got \(rounds)", field: "rounds")
        }
        if let callsPerRound, callsPerRound < 1 || callsPerRound > 10_000_000 {
            throw EvaluationError(.invalidArgument, "calls per round must be in 1...10000000, got \(callsPerRound)", field: "calls")
        }
        guard features.rows > 0 else { throw EvaluationError(.emptyInput, "no rows to time", field: "data") }
        let a = try reference.makeSingleRowScorer(options: .default)
        let b = try candidate.makeSingleRowScorer(options: .default)
        let f = features.columns
        guard a.featureCount == f, b.featureCount == f else {
            throw ScoringError(.featureCountMismatch, "the models expect \(a.featureCount) and \(b.featureCount) features, the data has \(f)")
        }
        var outA = [Double](repeating: 0, count: max(1, a.outputWidth))
        var outB = [Double](repeating: 0, count: max(1, b.outputWidth))
        let clock = ContinuousClock()
        var p95A: [Double] = []
        var p95B: [Double] = []
        var p50A: [Double] = []
        var p50B: [Double] = []
        var calls = callsPerRound ?? 0
        try features.withUnsafeBufferPointer { x in
            try outA.withUnsafeMutableBufferPointer { oa in
                try outB.withUnsafeMutableBufferPointer { ob in
                    func row(_ i: Int) -> UnsafeBufferPointer<Float> {
                        let r = i % features.rows
                        return UnsafeBufferPointer(rebasing: x[(r * f)..<((r + 1) * f)])
                    }
                    // Warm-up, which also sizes the rounds.
                    let warmup = 2_000
                    let start = clock.now
                    for i in 0..<warmup {
                        try a.predict(row(i), into: oa)
                        try b.predict(row(i), into: ob)
                    }
                    let pair = Self.seconds(start.duration(to: clock.now)) / Double(warmup)
                    if callsPerRound == nil {
                        let wanted = pair > 0 ? targetRoundSeconds / pair : 100_000
                        calls = Int(min(100_000, max(1_000, wanted.isFinite ? wanted : 100_000)))
                    }
                    var ta = [Double](repeating: 0, count: calls)
                    var tb = [Double](repeating: 0, count: calls)
                    for round in 0..<rounds {
                        for i in 0..<calls {
                            let input = row(i)
                            if (i + round) & 1 == 0 {
                                let t0 = clock.now
                                try a.predict(input, into: oa)
                                let t1 = clock.now
                                try b.predict(input, into: ob)
                                let t2 = clock.now
                                ta[i] = Self.seconds(t0.duration(to: t1))
                                tb[i] = Self.seconds(t1.duration(to: t2))
                            } else {
                                let t0 = clock.now
                                try b.predict(input, into: ob)
                                let t1 = clock.now
                                try a.predict(input, into: oa)
                                let t2 = clock.now
                                tb[i] = Self.seconds(t0.duration(to: t1))
                                ta[i] = Self.seconds(t1.duration(to: t2))
                            }
                        }
                        ta.sort()
                        tb.sort()
                        p95A.append(Self.quantile(ta, 0.95) * 1e6)
                        p95B.append(Self.quantile(tb, 0.95) * 1e6)
                        p50A.append(Self.quantile(ta, 0.5) * 1e6)
                        p50B.append(Self.quantile(tb, 0.5) * 1e6)
                    }
                }
            }
        }
        return LatencyResult(
            referenceP95Microseconds: Self.median(p95A), candidateP95Microseconds: Self.median(p95B),
            referenceP50Microseconds: Self.median(p50A), candidateP50Microseconds: Self.median(p50B),
            rounds: rounds, callsPerRound: calls, referenceRoundP95Microseconds: p95A, candidateRoundP95Microseconds: p95B)
    }

    /// Nearest-rank quantile of sorted values (0 for none).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

/// Side-by-side single-row latency of a reference and a candidate model.
public struct LatencyResult: Sendable, Equatable, Encodable {
    /// Median over rounds of the reference's p95, in microseconds.
    public let referenceP95Microseconds: Double
    /// Median over rounds of the candidate's p95, in microseconds.
    public let candidateP95Microseconds: Double
    /// Median over rounds of the reference's p50, in microseconds.
    public let referenceP50Microseconds: Double
    /// Median over rounds of the candidate's p50, in microseconds.
    public let candidateP50Microseconds: Double
    /// Rounds measured.
    public let rounds: Int
    /// Timed calls per model per round.
    public let callsPerRound: Int
    /// The reference's p95 of each round, in microseconds.
    public let referenceRoundP95Microseconds: [Double]
    /// The candidate's p95 of each round, in microseconds.
    public let candidateRoundP95Microseconds: [Double]

    /// candidate p95 / reference p95 − 1 (0.05 = the candidate is 5% slower).
    public var overhead: Double {
        referenceP95Microseconds > 0 ? candidateP95Microseconds / referenceP95Microseconds - 1 : 0
    }

    enum CodingKeys: String, CodingKey {
        case referenceP95Microseconds = "reference_p95_us", candidateP95Microseconds = "candidate_p95_us"
        case referenceP50Microseconds = "reference_p50_us", candidateP50Microseconds = "candidate_p50_us"
        case rounds, callsPerRound = "calls_per_round"
        case referenceRoundP95Microseconds = "reference_round_p95_us", candidateRoundP95Microseconds = "candidate_round_p95_us"
        case overhead
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(referenceP95Microseconds, forKey: .referenceP95Microseconds)
        try c.encode(candidateP95Microseconds, forKey: .candidateP95Microseconds)
        try c.encode(overhead, forKey: .overhead)
        try c.encode(referenceP50Microseconds, forKey: .referenceP50Microseconds)
        try c.encode(candidateP50Microseconds, forKey: .candidateP50Microseconds)
        try c.encode(rounds, forKey: .rounds)
        try c.encode(callsPerRound, forKey: .callsPerRound)
        try c.encode(referenceRoundP95Microseconds, forKey: .referenceRoundP95Microseconds)
        try c.encode(candidateRoundP95Microseconds, forKey: .candidateRoundP95Microseconds)
    }
}

import MLCore
import MLMetrics
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
///
/// Calls faster than the clock can resolve well (a 40-tree model scores a row in 0.2 µs; the
/// monotonic clock reads in about 20 ns and steps in about 10 ns, so single timings land on
/// a few coarse values and a p95 jumps between them) are timed in **bursts**: when the
/// warm-up shows a call under ``burstThresholdSeconds`` (the fastest of 20 warm-up slices,
/// so a busy machine does not shrink the bursts), each sample is the mean of `b`
/// consecutive calls on consecutive rows (b = ⌈threshold / call time⌉, at most 64), and the
/// p95 is over these samples. The two models still alternate sample by sample. `b` is
/// reported as `calls_per_sample`.
public struct LatencyComparison: Sendable, Equatable, Codable {
    /// Interleaved rounds (default 9).
    public var rounds: Int
    /// Calls per model per round; nil chooses from a warm-up (about ``targetRoundSeconds`` per round).
    public var callsPerRound: Int?
    /// Wall time a round aims at when ``callsPerRound`` is nil (default 0.15 s).
    public var targetRoundSeconds: Double
    /// Calls faster than this (seconds, default 2 µs) are timed in bursts; 0 times every call
    /// on its own.
    public var burstThresholdSeconds: Double

    /// Creates a configuration.
    public init(
        rounds: Int = 9, callsPerRound: Int? = nil, targetRoundSeconds: Double = 0.15, burstThresholdSeconds: Double = 2e-6
    ) {
        self.rounds = rounds
        self.callsPerRound = callsPerRound
        self.targetRoundSeconds = targetRoundSeconds
        self.burstThresholdSeconds = burstThresholdSeconds
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
        guard burstThresholdSeconds.isFinite, burstThresholdSeconds >= 0, burstThresholdSeconds <= 1 else {
            throw EvaluationError(
                .invalidArgument, "the burst threshold must be in 0...1 s, got \(burstThresholdSeconds)", field: "burst")
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
        var burst = 1
        try features.withUnsafeBufferPointer { x in
            try outA.withUnsafeMutableBufferPointer { oa in
                try outB.withUnsafeMutableBufferPointer { ob in
                    func row(_ i: Int) -> UnsafeBufferPointer<Float> {
                        let r = i % features.rows
                        return UnsafeBufferPointer(rebasing: x[(r * f)..<((r + 1) * f)])
                    }
                    // Warm-up, which also sizes the rounds and the bursts: 20 slices of 100
                    // pairs; the fastest slice estimates an undisturbed call (a busy machine
                    // slows some slices, never speeds one up).
                    let slices = 20
                    let perSlice = 100
                    var total = 0.0
                    var fastest = Double.infinity
                    for slice in 0..<slices {
                        let start = clock.now
                        for k in 0..<perSlice {
                            let i = slice * perSlice + k
                            try a.predict(row(i), into: oa)
                            try b.predict(row(i), into: ob)
                        }
                        let t = Self.seconds(start.duration(to: clock.now))
                        total += t
                        fastest = min(fastest, t / Double(perSlice))
                    }
                    let pair = total / Double(slices * perSlice)
                    if callsPerRound == nil {
                        let wanted = pair > 0 ? targetRoundSeconds / pair : 100_000
                        calls = Int(min(100_000, max(1_000, wanted.isFinite ? wanted : 100_000)))
                    }
                    let perCall = fastest / 2
                    if perCall > 0, perCall < burstThresholdSeconds {
                        burst = Int(min(64, (burstThresholdSeconds / perCall).rounded(.up)))
                    }
                    let samples = max(1, calls / burst)
                    var ta = [Double](repeating: 0, count: samples)
                    var tb = [Double](repeating: 0, count: samples)
                    let scale = 1 / Double(burst)
                    for round in 0..<rounds {
                        for i in 0..<samples {
                            let first = i * burst
                            // Seconds per call of one burst of `burst` rows through `scorer`.
                            func timed(_ scorer: SingleRowScorer, _ out: UnsafeMutableBufferPointer<Double>) throws -> Double {
                                let t0 = clock.now
                                for k in 0..<burst { try scorer.predict(row(first + k), into: out) }
                                return Self.seconds(t0.duration(to: clock.now)) * scale
                            }
                            // Alternate which model goes first (ABBA), so neither always runs on
                            // the caches the other warmed.
                            if (i + round) & 1 == 0 {
                                ta[i] = try timed(a, oa)
                                tb[i] = try timed(b, ob)
                            } else {
                                tb[i] = try timed(b, ob)
                                ta[i] = try timed(a, oa)
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
            rounds: rounds, callsPerRound: calls, callsPerSample: burst, referenceRoundP95Microseconds: p95A,
            candidateRoundP95Microseconds: p95B)
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
    /// Consecutive calls timed together as one sample (1 unless the calls are sub-microsecond;
    /// see ``LatencyComparison``).
    public let callsPerSample: Int
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
        case rounds, callsPerRound = "calls_per_round", callsPerSample = "calls_per_sample"
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
        try c.encode(callsPerSample, forKey: .callsPerSample)
        try c.encode(referenceRoundP95Microseconds, forKey: .referenceRoundP95Microseconds)
        try c.encode(candidateRoundP95Microseconds, forKey: .candidateRoundP95Microseconds)
    }
}

import Synchronization

/// Where a gradual rollout stands.
public struct RolloutStatus: Sendable, Equatable, Codable {
    /// The phase of the rollout.
    public enum Phase: String, Sendable, Equatable, Codable {
        /// On a step, waiting for the hold time and enough requests.
        case holding
        /// At the last step (100 % by default): the candidate takes its full share.
        case complete
        /// A limit was breached: the candidate gets no traffic until the next reload.
        case rolledBack = "rolled_back"
    }

    /// The phase.
    public var phase: Phase
    /// The index of the current step in the configured steps.
    public var step: Int
    /// The candidate's share now, in percent.
    public var percent: Double
    /// Requests the candidate served on this step.
    public var requests: Int
    /// Failed requests (model errors) of the candidate on this step.
    public var errors: Int
    /// Why the rollout was rolled back, when it was.
    public var reason: String?
}

/// A gradual rollout: the candidate's sticky share climbs the configured steps after each
/// hold time, and drops to zero when its error rate or p95 latency breaches a limit.
///
/// Judged on the candidate's own requests of the current step only; a step is left when at
/// least `hold_seconds` have passed and `min_requests` were served within the limits.
final class _RolloutController: Sendable {
    private struct State {
        var status: RolloutStatus
        var stepStarted: Double
        var latencies: [Double] = []  // ring of the latest latencies (ms) of this step
        var next = 0
    }

    private static let window = 2048
    let configuration: RolloutConfiguration
    private let clock: @Sendable () -> Double
    private let basisPoints: Atomic<Int>
    private let state: Mutex<State>

    init(_ configuration: RolloutConfiguration, clock: @escaping @Sendable () -> Double) throws(ServeError) {
        guard !configuration.steps.isEmpty,
            configuration.steps.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 100 }),
            zip(configuration.steps, configuration.steps.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            throw ServeError(
                .invalidConfiguration, "rollout.steps must be increasing percentages in (0, 100] (got \(configuration.steps))")
        }
        guard configuration.holdSeconds >= 0, configuration.maxErrorRate >= 0, configuration.maxP95Milliseconds > 0,
            configuration.minRequests >= 0
        else {
            throw ServeError(.invalidConfiguration, "rollout limits must not be negative")
        }
        self.configuration = configuration
        self.clock = clock
        let first = configuration.steps[0]
        basisPoints = Atomic(StickyBucket.basisPoints(percent: first))
        state = Mutex(
            State(
                status: RolloutStatus(
                    phase: configuration.steps.count == 1 ? .complete : .holding, step: 0, percent: first, requests: 0,
                    errors: 0, reason: nil),
                stepStarted: clock()))
    }

    /// The candidate's share now, in basis points (lock-free).
    var currentBasisPoints: Int { basisPoints.load(ordering: .relaxed) }

    var status: RolloutStatus { state.withLock { $0.status } }

    /// Records one request the candidate served and advances or rolls back.
    func record(latencyMilliseconds: Double, failed: Bool) {
        let now = clock()
        state.withLock { s in
            guard s.status.phase != .rolledBack else { return }
            s.status.requests += 1
            if failed { s.status.errors += 1 }
            if s.latencies.count < Self.window {
                s.latencies.append(latencyMilliseconds)
            } else {
                s.latencies[s.next] = latencyMilliseconds
                s.next = (s.next + 1) % Self.window
            }
            let judged = s.status.requests >= max(1, configuration.minRequests)
            guard judged else { return }
            let errorRate = Double(s.status.errors) / Double(s.status.requests)
            if errorRate > configuration.maxErrorRate {
                rollBack(&s, "error rate \(errorRate) > \(configuration.maxErrorRate) at \(s.status.percent)%")
                return
            }
            // The p95 is re-checked every 32 requests (a sort of at most 2,048 values).
            if s.status.requests % 32 == 0 || now - s.stepStarted >= configuration.holdSeconds {
                let p95 = Self.percentile95(s.latencies)
                if p95 > configuration.maxP95Milliseconds {
                    rollBack(&s, "p95 \(p95) ms > \(configuration.maxP95Milliseconds) ms at \(s.status.percent)%")
                    return
                }
            }
            if s.status.phase == .holding, now - s.stepStarted >= configuration.holdSeconds {
                let step = s.status.step + 1
                s.status = RolloutStatus(
                    phase: step == configuration.steps.count - 1 ? .complete : .holding, step: step,
                    percent: configuration.steps[step], requests: 0, errors: 0, reason: nil)
                s.stepStarted = now
                s.latencies.removeAll(keepingCapacity: true)
                s.next = 0
                basisPoints.store(StickyBucket.basisPoints(percent: configuration.steps[step]), ordering: .relaxed)
            }
        }
    }

    private func rollBack(_ s: inout State, _ reason: String) {
        s.status.phase = .rolledBack
        s.status.percent = 0
        s.status.reason = reason
        basisPoints.store(0, ordering: .relaxed)
    }

    static func percentile95(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }
}

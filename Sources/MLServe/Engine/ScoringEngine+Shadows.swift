import MLModels
import Synchronization

/// Shadow scoring, off the request path.
extension ScoringEngine {
    /// Scores the row on every shadow off the request path. The answer was decided before
    /// this runs and is never touched; only comparison counters change.
    func runShadows(_ features: UnsafeBufferPointer<Float>, answer: ScoreResult, all: [String: _LoadedVariant]) {
        let shadows = router.shadows.compactMap { all[$0] }.filter { $0.route != answer.route }
        if shadows.isEmpty { return }
        guard shadowInFlight.add(1, ordering: .acquiringAndReleasing).newValue <= maxShadowsInFlight else {
            shadowInFlight.subtract(1, ordering: .acquiringAndReleasing)
            shadowCounts.skipped.add(shadows.count, ordering: .relaxed)
            return
        }
        let row = Array(features)
        let counts = shadowCounts
        let inFlight = self
        Task.detached(priority: .low) {
            defer { inFlight.shadowInFlight.subtract(1, ordering: .acquiringAndReleasing) }
            for shadow in shadows {
                let outcome: _PostProcessor.Outcome
                do {
                    let out = try shadow.scorer.predict(row)
                    outcome = out.withUnsafeBufferPointer { o in
                        guard let base = o.baseAddress else { return .fallback(.modelError, modelScore: nil) }
                        return shadow.post.process(base)
                    }
                } catch {
                    outcome = .fallback(.modelError, modelScore: nil)
                }
                switch outcome {
                case .answer(let score, _, let label):
                    let agree: Bool
                    if let label, let answered = answer.label {
                        agree = label == answered
                    } else if let answered = answer.score {
                        agree = abs(score - answered) <= 1e-3 * max(1, abs(answered))
                    } else {
                        agree = false
                    }
                    if agree {
                        counts.agree.add(1, ordering: .relaxed)
                    } else {
                        counts.disagree.add(1, ordering: .relaxed)
                    }
                    shadow.instruments.countShadow(agree ? .agree : .disagree)
                case .fallback:
                    counts.failed.add(1, ordering: .relaxed)
                    shadow.instruments.countShadow(.failed)
                }
            }
        }
    }
}


/// Shadow comparison counts: how often the shadows agreed with the answer that was sent.
public struct ShadowStatistics: Sendable, Equatable, Codable {
    /// Same label (or, for label-less outputs, scores within 0.1 % relative).
    public var agree: Int
    /// A different label or score.
    public var disagree: Int
    /// The shadow failed or fell back.
    public var failed: Int
    /// Shadow scorings skipped because `maxShadowsInFlight` were running.
    public var skipped: Int
}

final class _ShadowCounts: Sendable {
    let agree = Atomic<Int>(0)
    let disagree = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let skipped = Atomic<Int>(0)

    var snapshot: ShadowStatistics {
        ShadowStatistics(
            agree: agree.load(ordering: .relaxed), disagree: disagree.load(ordering: .relaxed),
            failed: failed.load(ordering: .relaxed), skipped: skipped.load(ordering: .relaxed))
    }
}

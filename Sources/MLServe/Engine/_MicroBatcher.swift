import Synchronization

/// Collects single rows for up to `max_delay_ms` (or until `max_batch_size` are waiting) and
/// scores them in one batch call. A row still waiting when its latency budget
/// (`budget_ms` from its arrival) has run out is not scored: it is answered with the fallback,
/// reason `timeout`, so no answer is ever later than the budget plus one batch.
///
/// One batcher per loaded variant: a reload swaps in a new variant with a new batcher, and
/// rows queued on the old one are scored by the old model.
final class _MicroBatcher: Sendable {
    private struct Entry: Sendable {
        let row: [Float]
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<_PostProcessor.Outcome, Never>
    }

    private struct State: Sendable {
        var entries: [Entry] = []
        var flushScheduled = false
    }

    private let state = Mutex(State())
    private let maxBatchSize: Int
    private let maxDelay: Duration
    private let budget: Duration
    private let scoreBatch: @Sendable ([Float], Int) -> [_PostProcessor.Outcome]

    /// - Parameter scoreBatch: scores `rows` rows (row-major) and returns one outcome per row.
    init(
        _ configuration: MicroBatchingConfiguration,
        scoreBatch: @escaping @Sendable ([Float], Int) -> [_PostProcessor.Outcome]
    ) {
        maxBatchSize = max(1, configuration.maxBatchSize)
        maxDelay = .nanoseconds(Int64(max(0, configuration.maxDelayMilliseconds) * 1e6))
        budget = .nanoseconds(Int64(max(0, configuration.budgetMilliseconds) * 1e6))
        self.scoreBatch = scoreBatch
    }

    /// Queues `row` and returns its outcome once its batch has been scored (or its budget ran out).
    func submit(_ row: [Float]) async -> _PostProcessor.Outcome {
        let deadline = ContinuousClock.now + budget
        return await withCheckedContinuation { continuation in
            let entry = Entry(row: row, deadline: deadline, continuation: continuation)
            let (full, scheduleFlush) = state.withLock { s -> ([Entry], Bool) in
                s.entries.append(entry)
                if s.entries.count >= maxBatchSize {
                    defer { s.entries = [] }
                    return (s.entries, false)
                }
                if !s.flushScheduled {
                    s.flushScheduled = true
                    return ([], true)
                }
                return ([], false)
            }
            if !full.isEmpty { run(full) }
            if scheduleFlush {
                let delay = maxDelay
                Task { [self] in
                    try? await Task.sleep(for: delay)
                    flush()
                }
            }
        }
    }

    /// Scores whatever is queued now.
    func flush() {
        let batch = state.withLock { s -> [Entry] in
            s.flushScheduled = false
            defer { s.entries = [] }
            return s.entries
        }
        if !batch.isEmpty { run(batch) }
    }

    private func run(_ batch: [Entry]) {
        let now = ContinuousClock.now
        var live: [Entry] = []
        live.reserveCapacity(batch.count)
        for entry in batch {
            if entry.deadline < now {
                entry.continuation.resume(returning: .fallback(.timeout, modelScore: nil))
            } else {
                live.append(entry)
            }
        }
        if live.isEmpty { return }
        var rows: [Float] = []
        rows.reserveCapacity(live.count * (live.first?.row.count ?? 0))
        for entry in live { rows.append(contentsOf: entry.row) }
        let outcomes = scoreBatch(rows, live.count)
        for (k, entry) in live.enumerated() {
            entry.continuation.resume(returning: k < outcomes.count ? outcomes[k] : .fallback(.modelError, modelScore: nil))
        }
    }
}
